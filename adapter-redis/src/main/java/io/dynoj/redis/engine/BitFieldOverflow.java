package io.dynoj.redis.engine;

/**
 * Whether a value (plus an increment) fits a BITFIELD field, and what is stored when it does not:
 * wrapped around (WRAP), clamped (SAT), or nothing (FAIL). Arithmetic is 64-bit two's complement,
 * wrapping exactly as Redis's C does. Stateless.
 */
final class BitFieldOverflow {

    enum Mode { WRAP, SAT, FAIL }

    /** The outcome of one check: {@code overflow} 1 (too big), -1 (too small) or 0; {@code limit} the value to store instead. */
    record Check(int overflow, long limit) {
        static final Check FITS = new Check(0, 0);
    }

    private BitFieldOverflow() {
    }

    /** An unsigned field of {@code bits} (1..63); {@code value} is read as unsigned. */
    static Check unsigned(long value, long incr, int bits, Mode mode) {
        long max = (1L << bits) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        int overflow;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            overflow = 1;
        } else if (incr < 0 && incr < minIncr) {
            overflow = -1;
        } else {
            return Check.FITS;
        }
        return switch (mode) {
            case WRAP -> new Check(1, (value + incr) & ~(-1L << bits));
            case SAT -> new Check(overflow, overflow > 0 ? max : 0);
            case FAIL -> new Check(overflow, 0);
        };
    }

    /** A signed field of {@code bits} (1..64). */
    static Check signed(long value, long incr, int bits, Mode mode) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        // May wrap; used only where Redis uses them, after value's range is known.
        long maxIncr = max - value;
        long minIncr = min - value;
        int overflow;
        if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            overflow = 1;
        } else if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            overflow = -1;
        } else {
            return Check.FITS;
        }
        return switch (mode) {
            case WRAP -> new Check(1, wrapSigned(value + incr, bits));
            case SAT -> new Check(overflow, overflow > 0 ? max : min);
            case FAIL -> new Check(overflow, 0);
        };
    }

    /** The low {@code bits} bits of {@code sum}, sign-extended from the field's top bit. */
    private static long wrapSigned(long sum, int bits) {
        if (bits == 64) {
            return sum;
        }
        long mask = -1L << bits;
        return (sum & (1L << (bits - 1))) != 0 ? sum | mask : sum & ~mask;
    }
}
