package io.dynoj.memcached.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The number fields of a memcached command line, read strictly: an optional {@code -} (signed fields
 * only), then 1 to as many digits as the field's largest value has (leading zeros count, so
 * {@code 00000000001} is not a 32-bit number), and nothing else: no {@code +}, no spaces or tabs, no
 * wrap-around. memcached 1.6.18's {@code strtol} is more lenient ({@code +5}, {@code 01\t},
 * {@code 4294967297} read as 1) and later versions are not; reading strictly, the node never forwards
 * a request that a datastore could frame differently. Stateless and thread-safe.
 */
enum NumberField {
    /** exptime, and {@code <bytes>} (which is then checked against 0..2^31-3). */
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** client flags, the verbosity level, the byte count of a VALUE line. */
    UINT32(0, 0xFFFF_FFFFL),
    /** cas values and incr/decr deltas: 0 to 2^64-1. */
    UINT64(0, -1L);

    /** What {@link #parse} returns for text that is not a number of the field. */
    static final long INVALID = Long.MIN_VALUE;

    /** 2^64-1 divided by 10, unsigned: past it one more digit overflows 64 bits. */
    private static final long LAST_SAFE = Long.divideUnsigned(-1L, 10);

    private final long min;
    /** Compared unsigned (UINT64's is 2^64-1). */
    private final long max;
    private final int maxDigits;

    NumberField(long min, long max) {
        this.min = min;
        this.max = max;
        this.maxDigits = Long.toUnsignedString(max).length();
    }

    /** Whether {@code b[from, to)} is a number of this field. */
    boolean accepts(ByteBuf b, int from, int to) {
        boolean negative = min < 0 && from < to && b.getByte(from) == '-';
        int digits = negative ? from + 1 : from;
        if (digits >= to || to - digits > maxDigits) {
            return false;
        }
        long magnitude = 0;
        for (int i = digits; i < to; i++) {
            int digit = b.getByte(i) - '0';
            if (digit < 0 || digit > 9
                    || Long.compareUnsigned(magnitude, LAST_SAFE) > 0 || magnitude == LAST_SAFE && digit > 5) {
                return false;
            }
            magnitude = magnitude * 10 + digit;
        }
        return Long.compareUnsigned(magnitude, negative ? -min : max) <= 0;
    }

    /**
     * The value of {@code b[from, to)}, or {@link #INVALID}. Not for {@link #UINT64}, whose values
     * take every long and so leave none for INVALID: ask {@link #accepts} (the engine reads the value).
     */
    long parse(ByteBuf b, int from, int to) {
        if (this == UINT64) {
            throw new UnsupportedOperationException("64-bit values leave no room for INVALID: use accepts");
        }
        if (!accepts(b, from, to)) {
            return INVALID;
        }
        boolean negative = b.getByte(from) == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            value = value * 10 + b.getByte(i) - '0';
        }
        return negative ? -value : value;
    }
}
