package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/** {@code GETEX key [EX s|PX ms|EXAT s|PXAT ms|PERSIST]}. */
final class GetExCommand {

    private GetExCommand() {
    }

    static ByteBuf run(Call c) {
        String option = null;
        int amountIndex = -1;
        for (int i = 2; i < c.argc(); i++) {
            String opt = c.option(i);
            // As in Redis, an option may repeat (the last counts) but not mix with another.
            if (option != null && !option.equals(opt)) {
                throw RedisError.syntax();
            }
            switch (opt) {
                case "persist" -> option = opt;
                case "ex", "px", "exat", "pxat" -> {
                    if (i + 1 >= c.argc()) {
                        throw RedisError.syntax();
                    }
                    option = opt;
                    amountIndex = ++i;
                }
                default -> throw RedisError.syntax();
            }
        }
        byte[] key = c.arg(1);
        // Redis looks the key up before it reads the expire time: a missing key answers nil.
        StoredValue v = StringCommands.string(c, key);
        if (v == null) {
            return c.nullBulk();
        }
        long amount = amountIndex < 0 ? 0 : c.longArg(amountIndex);
        long expireAt = 0;
        if (option != null && !option.equals("persist")) {
            boolean seconds = option.equals("ex") || option.equals("exat");
            expireAt = Expiry.absoluteOrRelative(c, amount, seconds ? 1000 : 1, option.endsWith("at"), "getex");
        }
        if (option == null) {
            return c.bulk(StringCommands.payload(v));
        }
        if (option.equals("persist")) {
            if (v.expireAt() != 0) {
                c.keyspace().put(key, v.withExpireAt(0));
            }
        } else if (expireAt <= c.now()) {
            c.keyspace().delete(key);
        } else {
            c.keyspace().put(key, v.withExpireAt(expireAt));
        }
        return c.bulk(v.payload());
    }
}
