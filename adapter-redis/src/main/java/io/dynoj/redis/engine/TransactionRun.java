package io.dynoj.redis.engine;

import io.dynoj.redis.protocol.FixedReplies;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.RespWriter;
import io.dynoj.redis.protocol.TransactionUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A transaction unit ({@link TransactionUnit}) on the engine: the stripe locks of every key of the unit are
 * taken at once (in ascending order, as for any multi-key command) and held while its watch is checked and
 * each command runs, so no other command on those keys sees the transaction half done or runs inside it;
 * the commands take their own locks again (the locks are reentrant). The reply is EXEC's: each command's
 * reply in an array, errors included (Redis runs the rest of a transaction after a command's error); a null
 * array when a watched key was written since the WATCH. Stateless.
 */
final class TransactionRun {

    /** They lock every stripe as they go, which could deadlock against a unit's locks held meanwhile. */
    private static final Set<String> WHOLE_KEYSPACE = Set.of("flushall", "flushdb");

    private TransactionRun() {
    }

    static ByteBuf run(RedisEngine engine, RedisRequest unit, ByteBufAllocator alloc) {
        int[] locked = engine.lockKeys(unit);
        try {
            if (!engine.watches().unchanged(unit)) {
                return FixedReplies.nullArray();
            }
            if (engine.stale(unit)) {
                return FixedReplies.nullArray();
            }
            List<RedisRequest> commands = TransactionUnit.commands(unit);
            try {
                CompositeByteBuf out = alloc.compositeBuffer(commands.size() + 1);
                out.addComponent(true, Unpooled.wrappedBuffer(("*" + commands.size() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                for (RedisRequest command : commands) {
                    // One write, one timestamp: every command of the unit stores the unit's (guard checked below).
                    command.writeTime(unit.writeTime(), false);
                    out.addComponent(true, reply(engine, command, alloc));
                }
                return out;
            } finally {
                commands.forEach(RedisRequest::release);
            }
        } finally {
            engine.unlock(locked);
        }
    }

    private static ByteBuf reply(RedisEngine engine, RedisRequest command, ByteBufAllocator alloc) {
        if (WHOLE_KEYSPACE.contains(command.command())) {
            return RespWriter.error(alloc, command.command().toUpperCase() + " inside a transaction is not "
                    + "supported by the embedded engine");
        }
        ByteBuf local = TransactionUnit.localReply(command, alloc);
        return local != null ? local : engine.execute(command, alloc);
    }
}
