package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * MEMORY on the embedded engine. USAGE answers what a key takes in the store: the key's bytes and
 * its stored entry (the engine's encoding of the value with its type and expiry header), or nil
 * for a missing key, after Redis 7.0's checks of SAMPLES (which it accepts and does not need: the
 * size is exact). Tools and Redis's own test suite ask it of single keys. The other subcommands
 * describe Redis's allocator, which the node does not have, and are refused. The command table
 * names USAGE's key, so the engine holds its lock.
 */
final class MemoryCommand {

    private MemoryCommand() {
    }

    static void register(CommandRegistry r) {
        r.add("memory", MemoryCommand::memory);
    }

    private static ByteBuf memory(Call c) {
        String sub = c.option(1);
        return switch (sub) {
            case "usage" -> usage(Subcommands.arity(c, -3));
            case "doctor", "stats", "malloc-stats", "purge", "help" -> throw new RedisError("ERR MEMORY "
                    + sub.toUpperCase(Locale.ROOT) + " is not supported by the '" + c.state().storeType() + "' datastore");
            default -> throw Subcommands.unknown(c);
        };
    }

    private static ByteBuf usage(Call c) {
        for (int i = 3; i < c.argc(); i += 2) {
            if (!c.option(i).equals("samples") || i + 1 >= c.argc() || c.longArg(i + 1) < 0) {
                throw RedisError.syntax();
            }
        }
        StoredValue value = c.keyspace().get(c.arg(2));
        return value == null ? c.nullBulk() : c.integer(c.arg(2).length + StoredValue.TIMED_HEADER + value.payload().length);
    }
}
