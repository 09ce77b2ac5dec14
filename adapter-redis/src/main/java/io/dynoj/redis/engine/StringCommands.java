package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Redis string commands: GET, SET and its variants, counters, ranges. */
final class StringCommands {

    private StringCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("get", c -> c.bulk(payload(string(c, c.arg(1)))))
                .add("set", SetCommand::run)
                .add("setnx", c -> c.integer(setIfAbsent(c, c.arg(1), c.arg(2)) ? 1 : 0))
                .add("setex", c -> setWithExpire(c, "setex", 1000))
                .add("psetex", c -> setWithExpire(c, "psetex", 1))
                .add("getset", StringCommands::getSet)
                .add("getdel", StringCommands::getDel)
                .add("getex", GetExCommand::run)
                .add("mget", StringCommands::mget)
                .add("mset", StringCommands::mset)
                .add("msetnx", StringCommands::msetnx)
                .add("append", StringCommands::append)
                .add("strlen", c -> c.integer(length(string(c, c.arg(1)))))
                .add("getrange", StringCommands::getRange)
                .add("substr", StringCommands::getRange)
                .add("setrange", StringCommands::setRange)
                .add("incr", c -> incrBy(c, 1))
                .add("decr", c -> incrBy(c, -1))
                .add("incrby", c -> incrBy(c, c.longArg(2)))
                .add("decrby", StringCommands::decrBy)
                .add("incrbyfloat", StringCommands::incrByFloat);
    }

    /** The string at {@code key}, null when absent; WRONGTYPE for other types. */
    static StoredValue string(Call c, byte[] key) {
        return c.keyspace().get(key, ValueType.STRING);
    }

    static byte[] payload(StoredValue v) {
        return v == null ? null : v.payload();
    }

    private static int length(StoredValue v) {
        return v == null ? 0 : v.payload().length;
    }

    static void putString(Call c, byte[] key, byte[] value, long expireAt) {
        c.keyspace().put(key, new StoredValue(ValueType.STRING, expireAt, value));
    }

    private static boolean setIfAbsent(Call c, byte[] key, byte[] value) {
        if (c.keyspace().exists(key)) {
            return false;
        }
        putString(c, key, value, 0);
        return true;
    }

    private static ByteBuf setWithExpire(Call c, String name, long unitMillis) {
        long amount = c.longArg(2);
        long expireAt = Expiry.relative(c, amount, unitMillis, name);
        putString(c, c.arg(1), c.arg(3), expireAt);
        return c.ok();
    }

    private static ByteBuf getSet(Call c) {
        StoredValue old = string(c, c.arg(1));
        putString(c, c.arg(1), c.arg(2), 0);
        return c.bulk(payload(old));
    }

    private static ByteBuf getDel(Call c) {
        StoredValue old = string(c, c.arg(1));
        if (old != null) {
            c.keyspace().delete(c.arg(1));
        }
        return c.bulk(payload(old));
    }

    private static ByteBuf mget(Call c) {
        List<Object> values = new ArrayList<>(c.argc() - 1);
        for (int i = 1; i < c.argc(); i++) {
            StoredValue v = c.keyspace().get(c.arg(i));
            values.add(v != null && v.type() == ValueType.STRING ? v.payload() : null);
        }
        return c.array(values);
    }

    private static ByteBuf mset(Call c) {
        checkPairs(c);
        writePairs(c);
        return c.ok();
    }

    private static void writePairs(Call c) {
        byte[][] keys = new byte[(c.argc() - 1) / 2][];
        StoredValue[] values = new StoredValue[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = c.arg(1 + 2 * i);
            values[i] = new StoredValue(ValueType.STRING, 0, c.arg(2 + 2 * i));
        }
        c.keyspace().write(keys, values);
    }

    private static ByteBuf msetnx(Call c) {
        checkPairs(c);
        for (int i = 1; i < c.argc(); i += 2) {
            if (c.keyspace().exists(c.arg(i))) {
                return c.integer(0);
            }
        }
        writePairs(c);
        return c.integer(1);
    }

    private static void checkPairs(Call c) {
        if ((c.argc() - 1) % 2 != 0) {
            throw new RedisError("ERR wrong number of arguments for '" + new String(c.arg(0), StandardCharsets.UTF_8)
                    .toLowerCase(java.util.Locale.ROOT) + "' command");
        }
    }

    private static ByteBuf append(Call c) {
        StoredValue old = string(c, c.arg(1));
        byte[] add = c.arg(2);
        if (old == null) {
            putString(c, c.arg(1), add, 0);
            return c.integer(add.length);
        }
        StringLimits.checkLength(old.payload().length, add.length);
        byte[] joined = Arrays.copyOf(old.payload(), old.payload().length + add.length);
        System.arraycopy(add, 0, joined, old.payload().length, add.length);
        c.keyspace().put(c.arg(1), old.withPayload(joined));
        return c.integer(joined.length);
    }

    private static ByteBuf getRange(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        byte[] s = payload(string(c, c.arg(1)));
        if (s == null || (start < 0 && end < 0 && start > end)) {
            return c.bulk(new byte[0]);
        }
        long len = s.length;
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            return c.bulk(new byte[0]);
        }
        return c.bulk(Arrays.copyOfRange(s, (int) start, (int) end + 1));
    }

    private static ByteBuf setRange(Call c) {
        long offset = c.longArg(2);
        if (offset < 0) {
            throw new RedisError("ERR offset is out of range");
        }
        byte[] add = c.arg(3);
        StoredValue old = string(c, c.arg(1));
        if (old == null) {
            if (add.length == 0) {
                return c.integer(0);
            }
            StringLimits.checkLength(offset, add.length);
            byte[] fresh = new byte[(int) offset + add.length];
            System.arraycopy(add, 0, fresh, (int) offset, add.length);
            putString(c, c.arg(1), fresh, 0);
            return c.integer(fresh.length);
        }
        byte[] s = old.payload();
        if (add.length == 0) {
            return c.integer(s.length);
        }
        StringLimits.checkLength(offset, add.length);
        byte[] result = s.length >= offset + add.length ? s.clone() : Arrays.copyOf(s, (int) offset + add.length);
        System.arraycopy(add, 0, result, (int) offset, add.length);
        c.keyspace().put(c.arg(1), old.withPayload(result));
        return c.integer(result.length);
    }

    private static ByteBuf decrBy(Call c) {
        long by = c.longArg(2);
        if (by == Long.MIN_VALUE) {
            throw new RedisError("ERR decrement would overflow");
        }
        return incrBy(c, -by);
    }

    private static ByteBuf incrBy(Call c, long by) {
        StoredValue old = string(c, c.arg(1));
        long current = 0;
        if (old != null) {
            Long parsed = Numbers.tryParseLong(old.payload());
            if (parsed == null) {
                throw RedisError.notInteger();
            }
            current = parsed;
        }
        long result;
        try {
            result = Math.addExact(current, by);
        } catch (ArithmeticException e) {
            throw new RedisError(RedisError.OVERFLOW);
        }
        byte[] bytes = Long.toString(result).getBytes(StandardCharsets.US_ASCII);
        putString(c, c.arg(1), bytes, old == null ? 0 : old.expireAt());
        return c.integer(result);
    }

    private static ByteBuf incrByFloat(Call c) {
        StoredValue old = string(c, c.arg(1));
        BigDecimal current = old == null ? BigDecimal.ZERO : FloatMath.parseIncrOperand(old.payload());
        BigDecimal by = FloatMath.parseIncrOperand(c.arg(2));
        BigDecimal sum = FloatMath.addLongDouble(current, by);
        if (FloatMath.overflows(sum)) {
            throw new RedisError("ERR increment would produce NaN or Infinity");
        }
        String result = Numbers.formatLongDouble(sum);
        byte[] bytes = result.getBytes(StandardCharsets.US_ASCII);
        putString(c, c.arg(1), bytes, old == null ? 0 : old.expireAt());
        return c.bulk(bytes);
    }
}
