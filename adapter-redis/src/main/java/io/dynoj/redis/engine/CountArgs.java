package io.dynoj.redis.engine;

/** Count arguments of the random and cardinality commands, with Redis's range errors. */
final class CountArgs {

    private CountArgs() {
    }

    /** A count in {@code [-LONG_MAX, LONG_MAX]} (HRANDFIELD, SRANDMEMBER, ZRANDMEMBER). */
    static long symmetric(Call c, int i) {
        long v = c.longArg(i);
        if (v == Long.MIN_VALUE) {
            throw new RedisError("ERR value is out of range, value must between "
                    + -Long.MAX_VALUE + " and " + Long.MAX_VALUE);
        }
        return v;
    }

    /** A count {@code >= 0}; {@code message} is the error both for a non-integer and a negative value. */
    static long nonNegative(Call c, int i, String message) {
        Long v = Numbers.tryParseLong(c.arg(i));
        if (v == null || v < 0) {
            throw new RedisError(message);
        }
        return v;
    }
}
