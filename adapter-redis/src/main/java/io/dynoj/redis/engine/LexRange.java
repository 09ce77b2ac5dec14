package io.dynoj.redis.engine;

import java.util.Arrays;

/**
 * A member interval as ZRANGEBYLEX, ZLEXCOUNT and ZREMRANGEBYLEX read it: {@code [a} inclusive,
 * {@code (a} exclusive, {@code -} and {@code +} the smallest and largest strings. Members compare
 * as unsigned bytes.
 */
record LexRange(Bound min, Bound max) implements ZSetRange {

    static final String NOT_RANGE = "ERR min or max not valid string range item";

    /** One end: {@code -} (below everything), {@code +} (above everything) or a value. */
    record Bound(int infinity, byte[] value, boolean exclusive) {
        static final Bound MINUS = new Bound(-1, null, true);
        static final Bound PLUS = new Bound(1, null, true);
    }

    static LexRange parse(byte[] min, byte[] max) {
        return new LexRange(bound(min), bound(max));
    }

    private static Bound bound(byte[] arg) {
        if (arg.length == 0) {
            throw new RedisError(NOT_RANGE);
        }
        switch (arg[0]) {
            case '+', '-' -> {
                if (arg.length != 1) {
                    throw new RedisError(NOT_RANGE);
                }
                return arg[0] == '+' ? Bound.PLUS : Bound.MINUS;
            }
            case '(', '[' -> {
                return new Bound(0, Arrays.copyOfRange(arg, 1, arg.length), arg[0] == '(');
            }
            default -> throw new RedisError(NOT_RANGE);
        }
    }

    /** Redis's sdscmplex: the infinities are below/above every value and equal only to themselves. */
    private static int compare(Bound a, Bound b) {
        if (a.infinity != 0 || b.infinity != 0) {
            return a.infinity == b.infinity ? 0 : a.infinity < b.infinity ? -1 : 1;
        }
        return Arrays.compareUnsigned(a.value, b.value);
    }

    private static int compare(byte[] value, Bound b) {
        return b.infinity != 0 ? -b.infinity : Arrays.compareUnsigned(value, b.value);
    }

    @Override
    public boolean alwaysEmpty() {
        int c = compare(min, max);
        return c > 0 || (c == 0 && (min.exclusive || max.exclusive));
    }

    @Override
    public boolean gteMin(ZSet.Entry e) {
        int c = compare(e.member().bytes(), min);
        return min.exclusive ? c > 0 : c >= 0;
    }

    @Override
    public boolean lteMax(ZSet.Entry e) {
        int c = compare(e.member().bytes(), max);
        return max.exclusive ? c < 0 : c <= 0;
    }
}
