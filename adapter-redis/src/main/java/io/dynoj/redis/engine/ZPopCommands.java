package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** {@code ZPOPMIN|ZPOPMAX key [count]} and {@code ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]}. */
final class ZPopCommands {

    private ZPopCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("zpopmin", c -> zpop(c, false))
                .add("zpopmax", c -> zpop(c, true))
                .add("zmpop", ZPopCommands::zmpop);
    }

    private static ByteBuf zpop(Call c, boolean max) {
        if (c.argc() > 3) {
            throw RedisError.syntax();
        }
        long count = 1;
        if (c.argc() == 3) {
            count = positive(c, 2, "ERR value is out of range, must be positive");
        }
        StoredValue v = ZSetCommands.stored(c, c.arg(1));
        if (v == null || count == 0) {
            return c.array(List.of());
        }
        return c.array(ZSetCommands.reply(pop(c, c.arg(1), v, max, count), true));
    }

    private static ByteBuf zmpop(Call c) {
        long numkeys = positive(c, 1, "ERR numkeys should be greater than 0");
        if (numkeys == 0) {
            throw new RedisError("ERR numkeys should be greater than 0");
        }
        if (numkeys >= c.argc() - 2) {
            throw RedisError.syntax();
        }
        int whereIndex = 2 + (int) numkeys;
        String where = c.option(whereIndex);
        if (!where.equals("min") && !where.equals("max")) {
            throw RedisError.syntax();
        }
        long count = -1;
        for (int i = whereIndex + 1; i < c.argc(); i++) {
            if (count == -1 && c.option(i).equals("count") && i + 1 < c.argc()) {
                i++;
                count = positive(c, i, "ERR count should be greater than 0");
                if (count == 0) {
                    throw new RedisError("ERR count should be greater than 0");
                }
            } else {
                throw RedisError.syntax();
            }
        }
        count = Math.max(count, 1);
        for (int k = 2; k < whereIndex; k++) {
            StoredValue v = ZSetCommands.stored(c, c.arg(k));
            if (v != null) {
                List<Object> pairs = new ArrayList<>();
                for (ZSet.Entry e : pop(c, c.arg(k), v, where.equals("max"), count)) {
                    pairs.add(List.of(e.member().bytes(), ZSetCommands.score(e.score())));
                }
                return c.array(List.of(c.arg(k), pairs));
            }
        }
        return c.nullArray();
    }

    /** Removes and returns up to {@code count} entries from the low or high end. */
    private static List<ZSet.Entry> pop(Call c, byte[] key, StoredValue v, boolean max, long count) {
        ZSet z = ZSetCommands.decode(v);
        int n = (int) Math.min(count, z.size());
        List<ZSet.Entry> all = z.ascending();
        List<ZSet.Entry> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(all.get(max ? all.size() - 1 - i : i));
        }
        z.removeAll(popped);
        ZSetCommands.save(c, key, v, z);
        return popped;
    }

    /** A count of 0 or more; {@code error} when not an integer or negative (Redis's getPositiveLong). */
    private static long positive(Call c, int i, String error) {
        Long n = Numbers.tryParseLong(c.arg(i));
        if (n == null || n < 0) {
            throw new RedisError(error);
        }
        return n;
    }
}
