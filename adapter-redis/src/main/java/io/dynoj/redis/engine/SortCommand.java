package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]
 * [STORE dest]} and {@code SORT_RO} (no STORE) over lists, sets and sorted sets, as Redis 7.0
 * answers them: options are read first (their errors come before WRONGTYPE), a BY pattern
 * without {@code *} means no sorting ({@code BY nosort}), the elements to sort and their order
 * are {@link SortVector}'s. STORE's destination is one of the request's keys, locked by the engine
 * with the sorted key; the keys BY and GET patterns name are locked by {@link ExtraKeyLocks}.
 */
final class SortCommand {

    /** What the options ask for; the last LIMIT, BY and STORE count, GETs add up. */
    record Options(boolean desc, boolean alpha, long limitStart, long limitCount, byte[] store, byte[] by,
                   boolean dontSort, List<byte[]> gets) {

        /** Whether the weights are read through the BY pattern. */
        boolean readsWeights() {
            return by != null && !dontSort;
        }

        /** Whether the command touches keys other than the one it sorts. */
        boolean touchesOtherKeys() {
            return store != null || readsWeights() || gets.stream().anyMatch(SortPattern::hasStar);
        }
    }

    private SortCommand() {
    }

    static void register(CommandRegistry r) {
        r.add("sort", c -> run(c, false))
                .add("sort_ro", c -> run(c, true));
    }

    private static ByteBuf run(Call c, boolean readOnly) {
        Options o = parse(c, readOnly);
        if (!o.touchesOtherKeys()) {
            return sort(c, o);
        }
        return ExtraKeyLocks.run(c, c.lockedKeys(), () -> otherKeys(c, o), () -> sort(c, o));
    }

    static Options parse(Call c, boolean readOnly) {
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        byte[] store = null;
        byte[] by = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            String opt = c.option(j);
            if (opt.equals("asc")) {
                desc = false;
            } else if (opt.equals("desc")) {
                desc = true;
            } else if (opt.equals("alpha")) {
                alpha = true;
            } else if (opt.equals("limit") && left >= 2) {
                limitStart = c.longArg(j + 1);
                limitCount = c.longArg(j + 2);
                j += 2;
            } else if (!readOnly && opt.equals("store") && left >= 1) {
                store = c.arg(++j);
            } else if (opt.equals("by") && left >= 1) {
                by = c.arg(++j);
                // Sticky, as in Redis: a constant BY anywhere turns sorting off.
                dontSort |= !SortPattern.hasStar(by);
            } else if (opt.equals("get") && left >= 1) {
                gets.add(c.arg(++j));
            } else {
                throw RedisError.syntax();
            }
        }
        return new Options(desc, alpha, limitStart, limitCount, store, by, dontSort, gets);
    }

    /** The keys BY, GET and STORE will touch for the value the key holds now. */
    private static List<byte[]> otherKeys(Call c, Options o) {
        List<byte[]> keys = new ArrayList<>();
        if (o.store() != null) {
            keys.add(o.store());
        }
        for (byte[] element : SortVector.elements(source(c))) {
            if (o.readsWeights()) {
                addKey(keys, o.by(), element);
            }
            for (byte[] get : o.gets()) {
                addKey(keys, get, element);
            }
        }
        return keys;
    }

    private static void addKey(List<byte[]> keys, byte[] pattern, byte[] element) {
        byte[] key = SortPattern.keyOf(pattern, element);
        if (key != null) {
            keys.add(key);
        }
    }

    /** The value to sort; WRONGTYPE for strings and hashes. */
    private static StoredValue source(Call c) {
        StoredValue v = c.keyspace().get(c.arg(1));
        if (v != null && v.type() != ValueType.LIST && v.type() != ValueType.SET && v.type() != ValueType.ZSET) {
            throw RedisError.wrongType();
        }
        return v;
    }

    private static ByteBuf sort(Call c, Options o) {
        StoredValue src = source(c);
        List<byte[]> rows = SortVector.rows(c, src, o);
        if (o.store() == null) {
            List<Object> reply = new ArrayList<>();
            for (byte[] element : rows) {
                if (o.gets().isEmpty()) {
                    reply.add(element);
                }
                for (byte[] get : o.gets()) {
                    reply.add(SortPattern.lookup(c, get, element));
                }
            }
            return c.array(reply);
        }
        List<byte[]> list = new ArrayList<>();
        for (byte[] element : rows) {
            if (o.gets().isEmpty()) {
                list.add(element);
            }
            for (byte[] get : o.gets()) {
                byte[] value = SortPattern.lookup(c, get, element);
                list.add(value == null ? new byte[0] : value);
            }
        }
        if (list.isEmpty()) {
            c.keyspace().delete(o.store());
        } else {
            c.keyspace().put(o.store(), new StoredValue(ValueType.LIST, 0, Codec.encodeList(list)));
        }
        return c.integer(list.size());
    }
}
