package io.dynoj.redis.engine;

import io.dynoj.redis.engine.rdb.RdbCodec;
import io.dynoj.redis.engine.rdb.RdbFormatException;
import io.netty.buffer.ByteBuf;

/**
 * DUMP and RESTORE in Redis's own payload format ({@link RdbCodec}), so values move between this
 * engine and real redis-servers both ways. Options, checks and error texts in Redis 7.0's order:
 * options, then BUSYKEY, then the TTL, then the payload's footer, then its value. IDLETIME and FREQ
 * are checked and ignored (the engine keeps no LRU or LFU data).
 */
final class DumpCommands {

    static final String BUSYKEY = "BUSYKEY Target key name already exists.";

    private DumpCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("dump", DumpCommands::dump).add("restore", DumpCommands::restore);
    }

    private static ByteBuf dump(Call c) {
        StoredValue v = c.keyspace().get(c.arg(1));
        return v == null ? c.nullBulk() : c.bulk(RdbCodec.encode(v));
    }

    private static ByteBuf restore(Call c) {
        boolean replace = false;
        boolean absTtl = false;
        boolean idle = false;
        boolean freq = false;
        for (int i = 4; i < c.argc(); i++) {
            boolean more = i + 1 < c.argc();
            String opt = c.option(i);
            if (opt.equals("replace")) {
                replace = true;
            } else if (opt.equals("absttl")) {
                absTtl = true;
            } else if (opt.equals("idletime") && more && !freq) {
                if (c.longArg(++i) < 0) {
                    throw new RedisError("ERR Invalid IDLETIME value, must be >= 0");
                }
                idle = true;
            } else if (opt.equals("freq") && more && !idle) {
                long f = c.longArg(++i);
                if (f < 0 || f > 255) {
                    throw new RedisError("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
                freq = true;
            } else {
                throw RedisError.syntax();
            }
        }
        byte[] key = c.arg(1);
        if (!replace && c.keyspace().exists(key)) {
            throw new RedisError(BUSYKEY);
        }
        long ttl = c.longArg(2);
        if (ttl < 0) {
            throw new RedisError("ERR Invalid TTL value, must be >= 0");
        }
        StoredValue value = decode(c, c.arg(3));
        long now = c.now();
        // As Redis: a relative TTL is added to now (wrapping like C's long long), and a time already
        // past stores nothing; with REPLACE the old value is still removed.
        long expireAt = ttl != 0 && !absTtl ? ttl + now : ttl;
        if (expireAt != 0 && expireAt <= now) {
            if (replace) {
                c.keyspace().delete(key);
            }
            return c.ok();
        }
        c.keyspace().put(key, value.withExpireAt(expireAt));
        return c.ok();
    }

    private static StoredValue decode(Call c, byte[] payload) {
        try {
            return RdbCodec.decode(payload);
        } catch (RdbFormatException e) {
            throw new RedisError(switch (e.kind()) {
                case VERSION_OR_CHECKSUM -> "ERR DUMP payload version or checksum are wrong";
                case BAD_FORMAT -> "ERR Bad data format";
                case UNSUPPORTED_TYPE -> "ERR the DUMP payload holds a " + e.getMessage() + ", which the '"
                        + c.state().storeType() + "' datastore does not keep";
            });
        }
    }
}
