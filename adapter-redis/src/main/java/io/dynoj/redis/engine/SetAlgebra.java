package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SINTER, SINTERCARD, SUNION, SDIFF and their STORE forms. Every source key is type-checked
 * before anything is computed (a missing key is an empty set, so WRONGTYPE wins over it, as in
 * Redis). A STORE replaces the destination whatever its type, without TTL, and deletes it when
 * the result is empty.
 */
final class SetAlgebra {

    private enum Op { INTER, UNION, DIFF }

    private SetAlgebra() {
    }

    static void register(CommandRegistry r) {
        r.add("sinter", c -> c.array(new ArrayList<>(compute(c, Op.INTER, 1))))
                .add("sinterstore", c -> store(c, compute(c, Op.INTER, 2)))
                .add("sunion", c -> c.array(new ArrayList<>(compute(c, Op.UNION, 1))))
                .add("sunionstore", c -> store(c, compute(c, Op.UNION, 2)))
                .add("sdiff", c -> c.array(new ArrayList<>(compute(c, Op.DIFF, 1))))
                .add("sdiffstore", c -> store(c, compute(c, Op.DIFF, 2)))
                .add("sintercard", SetAlgebra::sintercard);
    }

    private static Set<Bytes> compute(Call c, Op op, int firstKey) {
        List<LinkedHashSet<Bytes>> sets = load(c, firstKey, c.argc());
        return switch (op) {
            case INTER -> intersection(sets, 0);
            case UNION -> union(sets);
            case DIFF -> difference(sets);
        };
    }

    /** The sets at arguments {@code [from, to)}, null for a missing key. */
    private static List<LinkedHashSet<Bytes>> load(Call c, int from, int to) {
        List<LinkedHashSet<Bytes>> sets = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            StoredValue v = SetCommands.stored(c, c.arg(i));
            sets.add(v == null ? null : SetCommands.members(v));
        }
        return sets;
    }

    /** Members of every set, in the order of the smallest; at most {@code limit} of them (0: no limit). */
    private static Set<Bytes> intersection(List<LinkedHashSet<Bytes>> sets, long limit) {
        Set<Bytes> result = new LinkedHashSet<>();
        if (sets.contains(null)) {
            return result;
        }
        List<LinkedHashSet<Bytes>> bySize = new ArrayList<>(sets);
        bySize.sort(Comparator.comparingInt(Set::size));
        for (Bytes member : bySize.get(0)) {
            if (allContain(bySize, member)) {
                result.add(member);
                if (result.size() == limit) {
                    break;
                }
            }
        }
        return result;
    }

    private static boolean allContain(List<LinkedHashSet<Bytes>> sets, Bytes member) {
        for (int i = 1; i < sets.size(); i++) {
            if (!sets.get(i).contains(member)) {
                return false;
            }
        }
        return true;
    }

    private static Set<Bytes> union(List<LinkedHashSet<Bytes>> sets) {
        Set<Bytes> result = new LinkedHashSet<>();
        for (Set<Bytes> s : sets) {
            if (s != null) {
                result.addAll(s);
            }
        }
        return result;
    }

    private static Set<Bytes> difference(List<LinkedHashSet<Bytes>> sets) {
        if (sets.get(0) == null) {
            return new LinkedHashSet<>();
        }
        Set<Bytes> result = sets.get(0);
        for (int i = 1; i < sets.size() && !result.isEmpty(); i++) {
            if (sets.get(i) != null) {
                result.removeAll(sets.get(i));
            }
        }
        return result;
    }

    private static ByteBuf store(Call c, Set<Bytes> result) {
        byte[] dst = c.arg(1);
        if (result.isEmpty()) {
            c.keyspace().delete(dst);
        } else {
            c.keyspace().put(dst, new StoredValue(ValueType.SET, 0, Codec.encodeSet(result)));
        }
        return c.integer(result.size());
    }

    /** {@code SINTERCARD numkeys key [key ...] [LIMIT limit]}. */
    private static ByteBuf sintercard(Call c) {
        Long numKeys = Numbers.tryParseLong(c.arg(1));
        if (numKeys == null || numKeys < 1) {
            throw new RedisError("ERR numkeys should be greater than 0");
        }
        if (numKeys > c.argc() - 2) {
            throw new RedisError("ERR Number of keys can't be greater than number of args");
        }
        int end = 2 + numKeys.intValue();
        long limit = 0;
        for (int i = end; i < c.argc(); i++) {
            if (c.option(i).equals("limit") && i + 1 < c.argc()) {
                limit = CountArgs.nonNegative(c, ++i, "ERR LIMIT can't be negative");
            } else {
                throw RedisError.syntax();
            }
        }
        return c.integer(intersection(load(c, 2, end), limit).size());
    }
}
