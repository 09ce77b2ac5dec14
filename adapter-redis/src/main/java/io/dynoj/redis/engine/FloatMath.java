package io.dynoj.redis.engine;

import java.math.BigDecimal;

/**
 * INCRBYFLOAT and HINCRBYFLOAT arithmetic. Redis adds long doubles; decimal arithmetic gives the
 * same printed result for the decimal inputs clients send (10.5 + 0.1 is 10.6 in both).
 */
final class FloatMath {

    private FloatMath() {
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
        return new BigDecimal(new String(b, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
