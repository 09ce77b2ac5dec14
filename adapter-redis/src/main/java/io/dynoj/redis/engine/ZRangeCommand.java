package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * ZRANGE and ZRANGESTORE with {@code BYSCORE|BYLEX}, {@code REV}, {@code LIMIT}, {@code WITHSCORES},
 * and the older ZREVRANGE, Z[REV]RANGEBYSCORE and Z[REV]RANGEBYLEX, which are the same command with
 * the range type or direction fixed (so an option that would change it is a syntax error, as in Redis).
 */
final class ZRangeCommand {

    enum By { AUTO, RANK, SCORE, LEX }

    private final Call c;
    private final int keyIndex;
    private final boolean store;
    private By by;
    private Boolean reverse;
    private boolean withScores;
    private long offset;
    private long limit = -1;

    private ZRangeCommand(Call c, int keyIndex, boolean store, By by, Boolean reverse) {
        this.c = c;
        this.keyIndex = keyIndex;
        this.store = store;
        this.by = by;
        this.reverse = reverse;
    }

    static void register(CommandRegistry r) {
        r.add("zrange", c -> new ZRangeCommand(c, 1, false, By.AUTO, null).run())
                .add("zrangestore", c -> new ZRangeCommand(c, 2, true, By.AUTO, null).run())
                .add("zrevrange", c -> new ZRangeCommand(c, 1, false, By.RANK, true).run())
                .add("zrangebyscore", c -> new ZRangeCommand(c, 1, false, By.SCORE, false).run())
                .add("zrevrangebyscore", c -> new ZRangeCommand(c, 1, false, By.SCORE, true).run())
                .add("zrangebylex", c -> new ZRangeCommand(c, 1, false, By.LEX, false).run())
                .add("zrevrangebylex", c -> new ZRangeCommand(c, 1, false, By.LEX, true).run());
    }

    private ByteBuf run() {
        parseOptions();
        if (reverse == null) {
            reverse = false;
        }
        if (by == By.AUTO) {
            by = By.RANK;
        }
        if (limit != -1 && by == By.RANK) {
            throw new RedisError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && by == By.LEX) {
            throw new RedisError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // Reversed score and lex ranges are given as max then min.
        boolean swap = reverse && by != By.RANK;
        byte[] min = c.arg(keyIndex + (swap ? 2 : 1));
        byte[] max = c.arg(keyIndex + (swap ? 1 : 2));
        ZSetRange range = null;
        long start = 0;
        long end = 0;
        switch (by) {
            case SCORE -> range = ScoreRange.parse(min, max);
            case LEX -> range = LexRange.parse(min, max);
            default -> {
                start = Numbers.parseLong(min);
                end = Numbers.parseLong(max);
            }
        }
        ZSet z = ZSetCommands.load(c, c.arg(keyIndex));
        if (z == null) {
            return finish(List.of());
        }
        List<ZSet.Entry> entries = z.ascending();
        List<ZSet.Entry> result = range == null
                ? byRank(entries, start, end, reverse)
                : range.select(entries, reverse, offset, limit);
        return finish(result);
    }

    private void parseOptions() {
        for (int i = keyIndex + 3; i < c.argc(); i++) {
            int left = c.argc() - i - 1;
            String opt = c.option(i);
            if (!store && opt.equals("withscores")) {
                withScores = true;
            } else if (opt.equals("limit") && left >= 2) {
                offset = c.longArg(i + 1);
                limit = c.longArg(i + 2);
                i += 2;
            } else if (reverse == null && opt.equals("rev")) {
                reverse = true;
            } else if (by == By.AUTO && opt.equals("bylex")) {
                by = By.LEX;
            } else if (by == By.AUTO && opt.equals("byscore")) {
                by = By.SCORE;
            } else {
                throw RedisError.syntax();
            }
        }
    }

    /** Entries {@code start..end} (inclusive, negative from the end) in the given direction. */
    static List<ZSet.Entry> byRank(List<ZSet.Entry> entries, long start, long end, boolean reverse) {
        long size = entries.size();
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        start = Math.max(start, 0);
        if (start > end || start >= size) {
            return List.of();
        }
        end = Math.min(end, size - 1);
        if (!reverse) {
            return entries.subList((int) start, (int) end + 1);
        }
        List<ZSet.Entry> out = new java.util.ArrayList<>((int) (end - start + 1));
        for (long i = size - 1 - start; i >= size - 1 - end; i--) {
            out.add(entries.get((int) i));
        }
        return out;
    }

    private ByteBuf finish(List<ZSet.Entry> result) {
        if (!store) {
            return c.array(ZSetCommands.reply(result, withScores));
        }
        ZSet dest = new ZSet();
        for (ZSet.Entry e : result) {
            dest.put(e.member(), e.score());
        }
        ZSetCommands.replace(c, c.arg(1), dest);
        return c.integer(dest.size());
    }
}
