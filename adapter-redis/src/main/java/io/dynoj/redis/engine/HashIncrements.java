package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * HINCRBY and HINCRBYFLOAT. Errors come in Redis's order: the increment, then the key's type, then
 * the field's current value, then the result.
 */
final class HashIncrements {

    private static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";

    private HashIncrements() {
    }

    static ByteBuf hincrby(Call c) {
        long by = c.longArg(3);
        StoredValue old = HashCommands.stored(c, c.arg(1));
        LinkedHashMap<Bytes, byte[]> hash = HashCommands.fields(old);
        Bytes field = new Bytes(c.arg(2));
        long current = 0;
        byte[] value = hash.get(field);
        if (value != null) {
            Long parsed = Numbers.tryParseLong(value);
            if (parsed == null) {
                throw new RedisError("ERR hash value is not an integer");
            }
            current = parsed;
        }
        long result;
        try {
            result = Math.addExact(current, by);
        } catch (ArithmeticException e) {
            throw new RedisError(RedisError.OVERFLOW);
        }
        hash.put(field, Long.toString(result).getBytes(StandardCharsets.US_ASCII));
        HashCommands.store(c, c.arg(1), old, hash);
        return c.integer(result);
    }

    /**
     * Long double arithmetic ({@link FloatMath#addLongDouble}) printed as Redis prints it
     * ({@link Numbers#formatLongDouble}); the printed text is what the field then holds.
     */
    static ByteBuf hincrbyfloat(Call c) {
        if (FloatMath.isInfinity(c.arg(3))) {
            throw new RedisError("ERR value is NaN or Infinity");
        }
        BigDecimal increment = FloatMath.parseLongDouble(c.arg(3));
        if (increment == null) {
            throw new RedisError(RedisError.NOT_FLOAT);
        }
        StoredValue old = HashCommands.stored(c, c.arg(1));
        LinkedHashMap<Bytes, byte[]> hash = HashCommands.fields(old);
        Bytes field = new Bytes(c.arg(2));
        BigDecimal current = BigDecimal.ZERO;
        byte[] value = hash.get(field);
        if (value != null) {
            if (FloatMath.isInfinity(value)) {
                // inf plus a finite increment stays infinite: Redis refuses to store it.
                throw new RedisError(NAN_OR_INFINITY);
            }
            current = FloatMath.parseLongDouble(value);
            if (current == null) {
                throw new RedisError("ERR hash value is not a float");
            }
        }
        BigDecimal sum = FloatMath.addLongDouble(current, increment);
        if (FloatMath.overflows(sum)) {
            throw new RedisError(NAN_OR_INFINITY);
        }
        byte[] result = Numbers.formatLongDouble(sum).getBytes(StandardCharsets.US_ASCII);
        hash.put(field, result);
        HashCommands.store(c, c.arg(1), old, hash);
        return c.bulk(result);
    }
}
