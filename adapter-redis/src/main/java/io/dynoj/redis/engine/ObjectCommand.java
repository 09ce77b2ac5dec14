package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/**
 * OBJECT on the embedded engine: only Dynoj's {@code OBJECT WRITETIME key}, the timestamp
 * ({@link io.dynoj.core.time.HybridClock}) of the key's last write, its delete included (a tombstone), 0 when
 * the engine holds nothing for it. Read repair asks each replica for it when their answers differ, and the
 * newest write wins; redis-server refuses the subcommand, and the majority of racks wins there. Redis's
 * subcommands (ENCODING, FREQ, IDLETIME, REFCOUNT) describe its memory layout, which the engine does not
 * have, and are refused. The command table names the key, so the engine holds its lock.
 */
final class ObjectCommand {

    private ObjectCommand() {
    }

    static void register(CommandRegistry r) {
        r.add("object", ObjectCommand::object);
    }

    private static ByteBuf object(Call c) {
        String sub = c.option(1);
        if (sub.equals("writetime")) {
            if (c.argc() != 3) {
                throw new RedisError("ERR wrong number of arguments for 'object|writetime' command");
            }
            return c.integer(c.keyspace().writeTimeOf(c.arg(2)));
        }
        throw new RedisError("ERR OBJECT " + c.string(1) + " is not supported by the '" + c.state().storeType()
                + "' datastore");
    }
}
