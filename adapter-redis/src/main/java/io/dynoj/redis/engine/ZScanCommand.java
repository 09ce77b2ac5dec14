package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ZSCAN key cursor [MATCH pattern] [COUNT count]}: the whole sorted set in one reply with
 * cursor 0, which is what Redis does for a small (listpack) sorted set, whatever the cursor.
 */
final class ZScanCommand {

    /** Redis's zset-max-listpack-entries and -value defaults: beyond them Redis formats scores differently. */
    private static final int SMALL_ENTRIES = 128;
    private static final int SMALL_MEMBER = 64;
    private static final double LONG_SAFE = (double) (Long.MAX_VALUE / 2);

    private ZScanCommand() {
    }

    static ByteBuf run(Call c) {
        return CollectionScan.run(c, ValueType.ZSET, ZScanCommand::matching);
    }

    private static List<Object> matching(byte[] payload, Glob pattern) {
        ZSet z = Codec.decodeZSet(payload);
        boolean small = z.size() <= SMALL_ENTRIES;
        for (ZSet.Entry e : z.ascending()) {
            small &= e.member().bytes().length <= SMALL_MEMBER;
        }
        List<Object> items = new ArrayList<>();
        for (ZSet.Entry e : z.ascending()) {
            if (pattern == null || pattern.matches(e.member().bytes())) {
                items.add(e.member().bytes());
                items.add(small ? listpackScore(e.score()) : ZSetCommands.score(e.score()));
            }
        }
        return items;
    }

    /** A score as a small sorted set stores it (Redis's d2string): integers in full, not as 1e+17. */
    static String listpackScore(double d) {
        if (d >= -LONG_SAFE && d <= LONG_SAFE && d == (long) d && d != 0) {
            return Long.toString((long) d);
        }
        return ZSetCommands.score(d);
    }
}
