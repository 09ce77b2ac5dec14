package io.dynoj.redis.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * INCRBYFLOAT and HINCRBYFLOAT arithmetic. Redis adds x86 long doubles (64-bit significand).
 * {@link #parse} does plain decimal arithmetic, which prints the same for everyday inputs (10.5 +
 * 0.1 is 10.6 in both); {@link #parseLongDouble}/{@link #addLongDouble} round every operand and
 * result to a 64-bit significand as the hardware does, so large or long values print exactly as
 * Redis prints them too (-9223372036854775807 - 1.25 is -9223372036854775808; 1e400 prints its 401
 * binary-exact digits).
 */
final class FloatMath {

    private FloatMath() {
    }

    /**
     * An INCRBYFLOAT operand (the stored value or the increment) as a long double: infinity makes
     * the sum infinite ("ERR increment would produce NaN or Infinity"); hexadecimal floats are read
     * as strtold reads them; anything else that is no float is "ERR value is not a valid float".
     */
    static BigDecimal parseIncrOperand(byte[] b) {
        if (isInfinity(b)) {
            throw new RedisError("ERR increment would produce NaN or Infinity");
        }
        BigDecimal v = parseLongDouble(b);
        if (v == null) {
            Double hex = Numbers.isHex(new String(b, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT))
                    ? Numbers.tryParseDouble(b) : null;
            if (hex == null) {
                throw new RedisError(RedisError.NOT_FLOAT);
            }
            v = new BigDecimal(hex);
        }
        return v;
    }

    /** Decimal exponents beyond which strtold overflows to infinity or underflows to zero (x86 long double). */
    private static final int MAX_EXPONENT = 4932;
    private static final int MIN_EXPONENT = -4951;
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer texts are no float. */
    private static final int MAX_CHARS = 5 * 1024;
    /** Bits of an x86 long double's significand. */
    private static final int SIGNIFICAND_BITS = 64;

    /** {@code inf}, {@code -infinity}... as strtold spells infinity (any case, optional sign). */
    static boolean isInfinity(byte[] b) {
        String s = new String(b, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("inf") || s.equals("infinity");
    }

    /**
     * A finite float argument or stored value as Redis's string2ld reads it into a long double (the
     * nearest value with a 64-bit significand); null when it is no float, infinite, or out of the
     * long double range.
     */
    static BigDecimal parseLongDouble(byte[] b) {
        if (b.length == 0 || b.length >= MAX_CHARS || isInfinity(b)) {
            return null;
        }
        for (byte c : b) {
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(new String(b, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
            return null;
        }
        BigDecimal rounded = toLongDouble(exact);
        return overflows(rounded) ? null : rounded;
    }

    /** {@code a + b} rounded as a long double addition rounds it. */
    static BigDecimal addLongDouble(BigDecimal a, BigDecimal b) {
        return toLongDouble(a.add(b));
    }

    /** True when {@code v} (a {@link #toLongDouble} result) is beyond the largest finite long double. */
    static boolean overflows(BigDecimal v) {
        if (v.signum() == 0) {
            return false;
        }
        int exponent = v.precision() - v.scale() - 1;
        return exponent > MAX_EXPONENT || (exponent == MAX_EXPONENT && v.abs().compareTo(LargestLongDouble.VALUE) > 0);
    }

    /** (2^64 - 1) * 2^16320, built on first use (a 4933-digit number). */
    private static final class LargestLongDouble {
        static final BigDecimal VALUE = new BigDecimal(
                BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS).subtract(BigInteger.ONE).shiftLeft(16383 - 63));
    }

    /**
     * {@code v} rounded to the nearest value with a 64-bit binary significand, ties to even: what
     * x86 long double arithmetic keeps. The result is exact (a binary fraction is a finite decimal).
     */
    static BigDecimal toLongDouble(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigInteger num = v.unscaledValue().abs();
        BigInteger den = BigInteger.ONE;
        if (v.scale() > 0) {
            den = BigInteger.TEN.pow(v.scale());
        } else {
            num = num.multiply(BigInteger.TEN.pow(-v.scale()));
        }
        // Find k with 2^63 <= num * 2^k / den < 2^64; the estimate is off by at most one.
        int k = SIGNIFICAND_BITS - (num.bitLength() - den.bitLength());
        BigInteger[] qr;
        while (true) {
            qr = k >= 0 ? num.shiftLeft(k).divideAndRemainder(den) : num.divideAndRemainder(den.shiftLeft(-k));
            int bits = qr[0].bitLength();
            if (bits > SIGNIFICAND_BITS) {
                k--;
            } else if (bits < SIGNIFICAND_BITS) {
                k++;
            } else {
                break;
            }
        }
        BigInteger q = qr[0];
        int half = qr[1].shiftLeft(1).compareTo(k >= 0 ? den : den.shiftLeft(-k));
        if (half > 0 || (half == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
        }
        BigDecimal rounded = k <= 0 ? new BigDecimal(q.shiftLeft(-k))
                : new BigDecimal(q.multiply(BigInteger.valueOf(5).pow(k)), k);
        return v.signum() < 0 ? rounded.negate() : rounded;
    }
}
