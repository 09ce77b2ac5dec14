package io.dynoj.redis.engine;

/**
 * A score interval as ZRANGEBYSCORE, ZCOUNT and ZREMRANGEBYSCORE read it: {@code 1.5} is
 * inclusive, {@code (1.5} exclusive, {@code -inf}/{@code +inf} unbounded. Parsed with C's strtod
 * like Redis, so leading spaces, hexadecimal and an empty string (zero) are accepted.
 */
record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) implements ZSetRange {

    static final String NOT_FLOAT = "ERR min or max is not a float";

    static ScoreRange parse(byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        return new ScoreRange(bound(min, minEx), minEx, bound(max, maxEx), maxEx);
    }

    private static double bound(byte[] arg, boolean exclusive) {
        int from = exclusive ? 1 : 0;
        Strtod.Result r = Strtod.parse(arg, from);
        // strtod stops at the first byte it cannot read; Redis wants the whole argument read
        // (an empty argument reads as 0).
        if (r.end() != arg.length || Double.isNaN(r.value())) {
            throw new RedisError(NOT_FLOAT);
        }
        return r.value();
    }

    @Override
    public boolean alwaysEmpty() {
        return min > max || (min == max && (minExclusive || maxExclusive));
    }

    @Override
    public boolean gteMin(ZSet.Entry e) {
        return minExclusive ? e.score() > min : e.score() >= min;
    }

    @Override
    public boolean lteMax(ZSet.Entry e) {
        return maxExclusive ? e.score() < max : e.score() <= max;
    }
}
