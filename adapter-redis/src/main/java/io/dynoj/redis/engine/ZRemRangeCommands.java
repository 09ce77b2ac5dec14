package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX. As in Redis the range is parsed before
 * the key is looked up, so a bad range is reported even for a missing key.
 */
final class ZRemRangeCommands {

    private ZRemRangeCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("zremrangebyrank", ZRemRangeCommands::byRank)
                .add("zremrangebyscore", c -> remove(c, ScoreRange.parse(c.arg(2), c.arg(3))))
                .add("zremrangebylex", c -> remove(c, LexRange.parse(c.arg(2), c.arg(3))));
    }

    private static ByteBuf byRank(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        StoredValue v = ZSetCommands.stored(c, c.arg(1));
        if (v == null) {
            return c.integer(0);
        }
        ZSet z = ZSetCommands.decode(v);
        return removeAll(c, v, z, ZRangeCommand.byRank(z.ascending(), start, end, false));
    }

    private static ByteBuf remove(Call c, ZSetRange range) {
        StoredValue v = ZSetCommands.stored(c, c.arg(1));
        if (v == null) {
            return c.integer(0);
        }
        ZSet z = ZSetCommands.decode(v);
        return removeAll(c, v, z, range.all(z.ascending()));
    }

    private static ByteBuf removeAll(Call c, StoredValue v, ZSet z, List<ZSet.Entry> doomed) {
        int removed = z.removeAll(doomed);
        if (removed > 0) {
            ZSetCommands.save(c, c.arg(1), v, z);
        }
        return c.integer(removed);
    }
}
