package io.dynoj.redis.protocol;

import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * How a transaction unit ({@link TransactionUnit}) reaches every replica with one outcome: the same rules
 * as one command's ({@link RedisEffects}), applied to each command of the unit. On the primary each command
 * is made absolute (EXPIRE as PEXPIREAT...), the watch check kept. A unit without a watch whose writes are
 * all deterministic is its own effect, known before it runs. Otherwise the effect is built from the EXEC
 * reply: each write's effect given its own reply in the array (SPOP as SREM of what it popped; nothing for a
 * write that answered an error), as one unit without the watch check, so the replicas apply the same
 * transaction atomically; a null array (a watched key was written) or an EXECABORT replicates nothing.
 * Stateless.
 */
final class TransactionEffects {

    private TransactionEffects() {
    }

    /** {@code unit}, or the unit of its commands' absolute forms (releasing {@code unit}). */
    static RedisRequest atPrimary(RedisRequest unit, long nowMillis, ByteBufAllocator alloc) {
        List<RedisRequest> commands = TransactionUnit.commands(unit);
        List<RedisRequest> prepared = new ArrayList<>(commands.size());
        boolean changed = false;
        for (RedisRequest c : commands) {
            RedisRequest p = RedisEffects.atPrimary(c, nowMillis, alloc);
            changed |= p != c;
            prepared.add(p);
        }
        try {
            if (!changed) {
                return unit;
            }
            RedisRequest rebuilt = TransactionUnit.assemble(TransactionUnit.prefix(unit), frames(prepared), alloc);
            unit.release();
            return rebuilt;
        } finally {
            prepared.forEach(RedisRequest::release);
        }
    }

    /** The unit itself when replaying it gives every replica the same outcome whatever it answers; else null. */
    static RedisRequest beforeExecution(RedisRequest unit) {
        TransactionUnit.Parts parts = unit.parts();
        return !parts.watched() && parts.deterministic() ? (RedisRequest) unit.retainedDuplicate() : null;
    }

    /** What the other replicas apply once the primary answered {@code reply} to {@code unit}, or null. */
    static RedisRequest effect(RedisRequest unit, ByteBuf reply, ByteBufAllocator alloc) {
        List<ByteBuf> items = TransactionUnit.items(reply);
        if (items == null) {
            return null;
        }
        List<RedisRequest> commands = TransactionUnit.commands(unit);
        List<RedisRequest> effects = new ArrayList<>(commands.size());
        try {
            if (items.size() != commands.size()) {
                throw new IllegalStateException("EXEC answered " + items.size() + " replies to "
                        + commands.size() + " commands");
            }
            for (int i = 0; i < commands.size(); i++) {
                RedisRequest c = commands.get(i);
                RedisRequest e = c.kind() == RequestKind.WRITE ? RedisEffects.effect(c, items.get(i), alloc) : null;
                if (e != null) {
                    effects.add(e);
                }
            }
            return effects.isEmpty() ? null : TransactionUnit.assemble(null, frames(effects), alloc);
        } finally {
            commands.forEach(RedisRequest::release);
            effects.forEach(RedisRequest::release);
        }
    }

    private static List<ByteBuf> frames(List<RedisRequest> requests) {
        List<ByteBuf> frames = new ArrayList<>(requests.size());
        for (RedisRequest r : requests) {
            frames.add(r.frame());
        }
        return frames;
    }
}
