package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/** Redis key commands: DEL, EXISTS, TYPE, RENAME, COPY, TOUCH; expiry in {@link ExpireCommands}. */
final class KeyCommands {

    private KeyCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("del", KeyCommands::delete)
                .add("unlink", KeyCommands::delete)
                .add("exists", KeyCommands::exists)
                .add("touch", KeyCommands::exists)
                .add("type", c -> {
                    StoredValue v = c.keyspace().get(c.arg(1));
                    return c.simple(v == null ? "none" : v.type().typeName());
                })
                .add("rename", c -> rename(c, false))
                .add("renamenx", c -> rename(c, true))
                .add("copy", KeyCommands::copy);
        ExpireCommands.register(r);
        ScanCommands.register(r);
    }

    private static ByteBuf delete(Call c) {
        long deleted = 0;
        for (int i = 1; i < c.argc(); i++) {
            deleted += c.keyspace().delete(c.arg(i)) ? 1 : 0;
        }
        return c.integer(deleted);
    }

    private static ByteBuf exists(Call c) {
        long found = 0;
        for (int i = 1; i < c.argc(); i++) {
            found += c.keyspace().exists(c.arg(i)) ? 1 : 0;
        }
        return c.integer(found);
    }

    private static ByteBuf rename(Call c, boolean onlyIfAbsent) {
        byte[] from = c.arg(1);
        byte[] to = c.arg(2);
        StoredValue v = c.keyspace().get(from);
        if (v == null) {
            throw new RedisError(RedisError.NO_SUCH_KEY);
        }
        if (java.util.Arrays.equals(from, to)) {
            return onlyIfAbsent ? c.integer(0) : c.ok();
        }
        if (onlyIfAbsent && c.keyspace().exists(to)) {
            return c.integer(0);
        }
        c.keyspace().write(new byte[][] {from, to}, new StoredValue[] {null, v});
        return onlyIfAbsent ? c.integer(1) : c.ok();
    }

    private static ByteBuf copy(Call c) {
        boolean replace = false;
        for (int i = 3; i < c.argc(); i++) {
            String opt = c.option(i);
            if (opt.equals("replace")) {
                replace = true;
            } else if (opt.equals("db") && i + 1 < c.argc()) {
                if (c.longArg(++i) != 0) {
                    throw new RedisError("ERR DB index is out of range");
                }
            } else {
                throw RedisError.syntax();
            }
        }
        byte[] from = c.arg(1);
        byte[] to = c.arg(2);
        if (java.util.Arrays.equals(from, to)) {
            throw new RedisError("ERR source and destination objects are the same");
        }
        StoredValue v = c.keyspace().get(from);
        if (v == null || (!replace && c.keyspace().exists(to))) {
            return c.integer(0);
        }
        c.keyspace().put(to, v);
        return c.integer(1);
    }
}
