package io.dynoj.redis.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * INCRBYFLOAT and HINCRBYFLOAT arithmetic. Redis adds long doubles; decimal arithmetic gives the
 * same printed result for the decimal inputs clients send (10.5 + 0.1 is 10.6 in both).
 */
final class FloatMath {

    private static final BigInteger MANTISSA_MIN = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger MANTISSA_LIMIT = BigInteger.ONE.shiftLeft(64);

    private FloatMath() {
    }

    /** {@code a + b} as Redis computes it: each a long double, the sum rounded to one. */
    static BigDecimal add(BigDecimal a, BigDecimal b) {
        return toLongDouble(toLongDouble(a).add(toLongDouble(b)));
    }

    /**
     * {@code v} rounded to the nearest x87 long double (64-bit mantissa), so that large values
     * print with the digits Redis prints ({@code 9223372036854775807 + -4.25} is
     * {@code 9223372036854775804} there, not {@code ...803.75}).
     */
    static BigDecimal toLongDouble(BigDecimal v) {
        if (v.signum() == 0) {
            return v;
        }
        BigDecimal abs = v.abs();
        int e = (int) Math.floor(Math.log(abs.doubleValue()) / Math.log(2)) - 63;
        BigInteger mantissa;
        while (true) {
            BigDecimal scaled = scaleByPowerOfTwo(abs, -e);
            mantissa = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            if (mantissa.compareTo(MANTISSA_LIMIT) >= 0) {
                e++;
            } else if (mantissa.compareTo(MANTISSA_MIN) < 0) {
                e--;
            } else {
                break;
            }
        }
        BigDecimal rounded = scaleByPowerOfTwo(new BigDecimal(mantissa), e);
        return v.signum() < 0 ? rounded.negate() : rounded;
    }

    private static BigDecimal scaleByPowerOfTwo(BigDecimal v, int power) {
        BigDecimal factor = new BigDecimal(BigInteger.TWO.pow(Math.abs(power)));
        return power >= 0 ? v.multiply(factor) : v.divide(factor);
    }

    /** A finite float argument or stored value; "ERR value is not a valid float" otherwise. */
    static BigDecimal parse(byte[] b) {
        Double d = Numbers.tryParseDouble(b);
        if (d == null) {
            throw new RedisError(RedisError.NOT_FLOAT);
        }
        if (d.isInfinite()) {
            throw new RedisError("ERR increment would produce NaN or Infinity");
        }
        String text = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        return Numbers.isHex(text.toLowerCase(java.util.Locale.ROOT)) ? new BigDecimal(d) : new BigDecimal(text);
    }
}
