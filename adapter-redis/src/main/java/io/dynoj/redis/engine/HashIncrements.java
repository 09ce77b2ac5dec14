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

    /** Decimal arithmetic printed like Redis's long doubles, as INCRBYFLOAT does ({@link FloatMath}). */
    static ByteBuf hincrbyfloat(Call c) {
        Double increment = Numbers.tryParseDouble(c.arg(3));
        if (increment == null) {
            throw new RedisError(RedisError.NOT_FLOAT);
        }
        if (increment.isInfinite()) {
            throw new RedisError("ERR value is NaN or Infinity");
        }
        StoredValue old = HashCommands.stored(c, c.arg(1));
        LinkedHashMap<Bytes, byte[]> hash = HashCommands.fields(old);
        Bytes field = new Bytes(c.arg(2));
        BigDecimal current = BigDecimal.ZERO;
        byte[] value = hash.get(field);
        if (value != null) {
            Double parsed = Numbers.tryParseDouble(value);
            if (parsed == null) {
                throw new RedisError("ERR hash value is not a float");
            }
            if (parsed.isInfinite()) {
                // inf plus a finite increment stays infinite: Redis refuses to store it.
                throw new RedisError("ERR increment would produce NaN or Infinity");
            }
            current = decimal(value);
        }
        byte[] result = Numbers.formatLongDouble(current.add(decimal(c.arg(3))))
                .getBytes(StandardCharsets.US_ASCII);
        hash.put(field, result);
        HashCommands.store(c, c.arg(1), old, hash);
        return c.bulk(result);
    }

    /** A finite float already accepted by {@link Numbers#tryParseDouble}. */
    private static BigDecimal decimal(byte[] b) {
        return new BigDecimal(new String(b, StandardCharsets.US_ASCII));
    }
}
