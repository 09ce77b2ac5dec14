package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/**
 * {@code ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]} and
 * {@code ZINCRBY key increment member}, which Redis runs as ZADD INCR (so ZINCRBY's increment
 * is first tried as an option, as in Redis: {@code ZINCRBY k nx m} is a syntax error).
 * Every argument is checked before anything is written: the command applies fully or not at all.
 */
final class ZAddCommand {

    static final String NAN = "ERR resulting score is not a number (NaN)";

    private ZAddCommand() {
    }

    static ByteBuf zadd(Call c) {
        return run(c, false);
    }

    static ByteBuf zincrby(Call c) {
        return run(c, true);
    }

    private static ByteBuf run(Call c, boolean incr) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        int first = 2;
        for (; first < c.argc(); first++) {
            switch (c.option(first)) {
                case "nx" -> nx = true;
                case "xx" -> xx = true;
                case "gt" -> gt = true;
                case "lt" -> lt = true;
                case "ch" -> ch = true;
                case "incr" -> incr = true;
                default -> {
                    return apply(c, first, new Flags(nx, xx, gt, lt, ch, incr));
                }
            }
        }
        throw RedisError.syntax();
    }

    private record Flags(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch, boolean incr) {
    }

    private static ByteBuf apply(Call c, int first, Flags f) {
        int args = c.argc() - first;
        if (args % 2 != 0) {
            throw RedisError.syntax();
        }
        int pairs = args / 2;
        if (f.nx && f.xx) {
            throw new RedisError("ERR XX and NX options at the same time are not compatible");
        }
        if ((f.gt && f.nx) || (f.lt && f.nx) || (f.gt && f.lt)) {
            throw new RedisError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (f.incr && pairs > 1) {
            throw new RedisError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            scores[i] = Strtod.parseStrict(c.arg(first + 2 * i), RedisError.NOT_FLOAT);
        }
        byte[] key = c.arg(1);
        StoredValue stored = ZSetCommands.stored(c, key);
        if (stored == null && f.xx) {
            return f.incr ? c.nullBulk() : c.integer(0);
        }
        ZSet z = stored == null ? new ZSet() : ZSetCommands.decode(stored);
        int added = 0;
        int updated = 0;
        boolean processed = false;
        double last = 0;
        for (int i = 0; i < pairs; i++) {
            Bytes member = new Bytes(c.arg(first + 2 * i + 1));
            double score = scores[i];
            Double current = z.score(member);
            if (current == null) {
                if (f.xx) {
                    continue;
                }
                z.put(member, score);
                added++;
            } else {
                if (f.nx) {
                    continue;
                }
                if (f.incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        // Nothing was written yet: INCR takes a single pair.
                        throw new RedisError(NAN);
                    }
                }
                if ((f.lt && score >= current) || (f.gt && score <= current)) {
                    continue;
                }
                if (score != current) {
                    z.put(member, score);
                    updated++;
                }
            }
            processed = true;
            last = score;
        }
        if (added + updated > 0) {
            ZSetCommands.save(c, key, stored, z);
        }
        if (f.incr) {
            return processed ? c.bulk(ZSetCommands.score(last)) : c.nullBulk();
        }
        return c.integer(f.ch ? added + updated : added);
    }
}
