package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX|XX|GT|LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. */
final class ExpireCommands {

    private ExpireCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("expire", c -> expire(c, 1000, false))
                .add("pexpire", c -> expire(c, 1, false))
                .add("expireat", c -> expire(c, 1000, true))
                .add("pexpireat", c -> expire(c, 1, true))
                .add("ttl", c -> ttl(c, false, false))
                .add("pttl", c -> ttl(c, true, false))
                .add("expiretime", c -> ttl(c, false, true))
                .add("pexpiretime", c -> ttl(c, true, true))
                .add("persist", ExpireCommands::persist);
    }

    private static ByteBuf expire(Call c, long unitMillis, boolean absolute) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < c.argc(); i++) {
            switch (c.option(i)) {
                case "nx" -> nx = true;
                case "xx" -> xx = true;
                case "gt" -> gt = true;
                case "lt" -> lt = true;
                default -> throw new RedisError("ERR Unsupported option " + c.string(i));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new RedisError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new RedisError("ERR GT and LT options at the same time are not compatible");
        }
        String name = c.option(0);
        long when = c.longArg(2);
        if (unitMillis == 1000 && (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000)) {
            throw Expiry.invalid(name);
        }
        when *= unitMillis;
        long base = absolute ? 0 : c.now();
        if (when > Long.MAX_VALUE - base) {
            throw Expiry.invalid(name);
        }
        when += base;
        byte[] key = c.arg(1);
        StoredValue v = c.keyspace().get(key);
        if (v == null) {
            return c.integer(0);
        }
        long current = v.expireAt() == 0 ? -1 : v.expireAt();
        if ((nx && current != -1) || (xx && current == -1)
                || (gt && (current == -1 || when <= current))
                || (lt && current != -1 && when >= current)) {
            return c.integer(0);
        }
        if (when <= c.now()) {
            c.keyspace().delete(key);
        } else {
            c.keyspace().put(key, v.withExpireAt(when));
        }
        return c.integer(1);
    }

    private static ByteBuf ttl(Call c, boolean millis, boolean absolute) {
        StoredValue v = c.keyspace().get(c.arg(1));
        if (v == null) {
            return c.integer(-2);
        }
        if (v.expireAt() == 0) {
            return c.integer(-1);
        }
        long t = absolute ? v.expireAt() : Math.max(0, v.expireAt() - c.now());
        return c.integer(millis ? t : (t + 500) / 1000);
    }

    private static ByteBuf persist(Call c) {
        StoredValue v = c.keyspace().get(c.arg(1));
        if (v == null || v.expireAt() == 0) {
            return c.integer(0);
        }
        c.keyspace().put(c.arg(1), v.withExpireAt(0));
        return c.integer(1);
    }
}
