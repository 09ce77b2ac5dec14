package io.dynoj.redis.protocol;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Locale;

/**
 * Dynoj's own command, {@code DYNOJ}, for what Redis has no word for:
 * <pre>
 * DYNOJ CONSISTENCY                     this connection's read and write levels
 * DYNOJ CONSISTENCY READ|WRITE level    sets one for this connection (DC_ONE, DC_QUORUM,
 *                                       DC_SAFE_QUORUM, DC_EACH_SAFE_QUORUM, or DEFAULT: the node's)
 * </pre>
 */
final class DynojCommands {

    private DynojCommands() {
    }

    static ByteBuf answer(RedisRequest r, ClientSession session) {
        ByteBufAllocator alloc = session.alloc();
        if (!"consistency".equals(r.argString(1).toLowerCase(Locale.ROOT))) {
            return RespWriter.error(alloc, "unknown DYNOJ subcommand '" + r.argString(1) + "'; try DYNOJ CONSISTENCY");
        }
        if (r.argc() == 2) {
            return RespWriter.array(alloc, List.of("read", session.readConsistency().name(),
                    "write", session.writeConsistency().name()));
        }
        if (r.argc() != 4) {
            return RespWriter.error(alloc, "wrong number of arguments for 'dynoj|consistency' command");
        }
        String which = r.argString(2).toLowerCase(Locale.ROOT);
        String value = r.argString(3);
        ConsistencyLevel level;
        try {
            level = "default".equalsIgnoreCase(value) ? null : ConsistencyLevel.parse(value);
        } catch (IllegalArgumentException e) {
            return RespWriter.error(alloc, e.getMessage() + " or DEFAULT");
        }
        switch (which) {
            case "read" -> session.readConsistency(level);
            case "write" -> session.writeConsistency(level);
            default -> {
                return RespWriter.error(alloc, "expected READ or WRITE, got '" + r.argString(2) + "'");
            }
        }
        return RespWriter.simple(alloc, "OK");
    }
}
