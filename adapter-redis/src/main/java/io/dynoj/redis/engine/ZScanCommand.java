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
        if (!validCursor(c.arg(2))) {
            throw new RedisError("ERR invalid cursor");
        }
        ZSet z = ZSetCommands.load(c, c.arg(1));
        if (z == null) {
            return c.array(List.of("0", List.of()));
        }
        byte[] pattern = null;
        for (int i = 3; i < c.argc(); i++) {
            boolean hasValue = i + 1 < c.argc();
            String opt = c.option(i);
            if (opt.equals("count") && hasValue) {
                if (c.longArg(i + 1) < 1) {
                    throw RedisError.syntax();
                }
                i++;
            } else if (opt.equals("match") && hasValue) {
                pattern = c.arg(++i);
            } else {
                throw RedisError.syntax();
            }
        }
        boolean small = z.size() <= SMALL_ENTRIES;
        for (ZSet.Entry e : z.ascending()) {
            small &= e.member().bytes().length <= SMALL_MEMBER;
        }
        List<Object> items = new ArrayList<>();
        for (ZSet.Entry e : z.ascending()) {
            if (pattern == null || Glob.matches(pattern, e.member().bytes())) {
                items.add(e.member().bytes());
                items.add(small ? listpackScore(e.score()) : ZSetCommands.score(e.score()));
            }
        }
        return c.array(List.of("0", items));
    }

    /** A score as a small sorted set stores it (Redis's d2string): integers in full, not as 1e+17. */
    static String listpackScore(double d) {
        if (d >= -LONG_SAFE && d <= LONG_SAFE && d == (long) d && d != 0) {
            return Long.toString((long) d);
        }
        return ZSetCommands.score(d);
    }

    /** What strtoul accepts in full: nothing, or an optional sign and up to 2^64-1 in decimal. */
    static boolean validCursor(byte[] b) {
        if (b.length == 0) {
            return true;
        }
        int i = b[0] == '+' || b[0] == '-' ? 1 : 0;
        if (i == b.length) {
            return false;
        }
        java.math.BigInteger max = java.math.BigInteger.ONE.shiftLeft(64);
        for (int j = i; j < b.length; j++) {
            if (b[j] < '0' || b[j] > '9') {
                return false;
            }
        }
        return new java.math.BigInteger(new String(b, i, b.length - i, java.nio.charset.StandardCharsets.US_ASCII))
                .compareTo(max) < 0;
    }
}
