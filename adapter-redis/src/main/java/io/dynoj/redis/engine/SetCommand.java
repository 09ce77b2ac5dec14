package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/** {@code SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]}. */
final class SetCommand {

    private SetCommand() {
    }

    static ByteBuf run(Call c) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        String expireOption = null;
        long expireAmount = 0;
        for (int i = 3; i < c.argc(); i++) {
            String opt = c.option(i);
            boolean hasNext = i + 1 < c.argc();
            switch (opt) {
                case "nx" -> {
                    if (xx) {
                        throw RedisError.syntax();
                    }
                    nx = true;
                }
                case "xx" -> {
                    if (nx) {
                        throw RedisError.syntax();
                    }
                    xx = true;
                }
                case "get" -> get = true;
                case "keepttl" -> {
                    if (expireOption != null) {
                        throw RedisError.syntax();
                    }
                    keepTtl = true;
                }
                case "ex", "px", "exat", "pxat" -> {
                    if (keepTtl || (expireOption != null && !expireOption.equals(opt)) || !hasNext) {
                        throw RedisError.syntax();
                    }
                    expireOption = opt;
                    i++;
                }
                default -> throw RedisError.syntax();
            }
        }
        long expireAt = 0;
        if (expireOption != null) {
            int valueIndex = indexOfValue(c, expireOption);
            expireAmount = c.longArg(valueIndex);
            boolean seconds = expireOption.equals("ex") || expireOption.equals("exat");
            boolean absolute = expireOption.endsWith("at");
            expireAt = Expiry.absoluteOrRelative(c, expireAmount, seconds ? 1000 : 1, absolute, "set");
        }
        byte[] key = c.arg(1);
        if (!nx && !xx && !get && !keepTtl && (expireAt == 0 || expireAt > c.now())) {
            // A plain SET does not depend on what was there: no read (half the work on LevelDB).
            StringCommands.putString(c, key, c.arg(2), expireAt);
            return c.ok();
        }
        StoredValue old = get ? StringCommands.string(c, key) : c.keyspace().get(key);
        boolean found = old != null;
        if ((nx && found) || (xx && !found)) {
            return get ? c.bulk(StringCommands.payload(old)) : c.nullBulk();
        }
        if (keepTtl && found) {
            expireAt = old.expireAt();
        }
        if (expireAt != 0 && expireAt <= c.now()) {
            c.keyspace().delete(key);
        } else {
            StringCommands.putString(c, key, c.arg(2), expireAt);
        }
        return get ? c.bulk(StringCommands.payload(old)) : c.ok();
    }

    private static int indexOfValue(Call c, String option) {
        // Redis lets an option repeat; the last one counts.
        int found = -1;
        for (int i = 3; i < c.argc() - 1; i++) {
            String opt = c.option(i);
            if (opt.equals(option)) {
                found = i + 1;
                i++;
            } else if (opt.equals("ex") || opt.equals("px") || opt.equals("exat") || opt.equals("pxat")) {
                i++;
            }
        }
        if (found < 0) {
            throw RedisError.syntax();
        }
        return found;
    }
}
