package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Redis set commands. A set is one stored entry (a {@link Codec} set payload, members in insertion
 * order); every change rewrites it, keeping its TTL, and a set left empty is deleted. Set algebra
 * is in {@link SetAlgebra}, SPOP and SRANDMEMBER in {@link SetRandom}.
 */
final class SetCommands {

    private SetCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("sadd", SetCommands::sadd)
                .add("srem", SetCommands::srem)
                .add("smembers", c -> c.array(new ArrayList<>(read(c, c.arg(1)))))
                .add("sismember", c -> c.integer(read(c, c.arg(1)).contains(new Bytes(c.arg(2))) ? 1 : 0))
                .add("smismember", SetCommands::smismember)
                .add("scard", c -> c.integer(read(c, c.arg(1)).size()))
                .add("smove", SetCommands::smove)
                .add("sscan", c -> CollectionScan.run(c, ValueType.SET, SetCommands::matching));
        SetAlgebra.register(r);
        SetRandom.register(r);
    }

    /** The set at {@code key}, null when absent; WRONGTYPE for other types. */
    static StoredValue stored(Call c, byte[] key) {
        return c.keyspace().get(key, ValueType.SET);
    }

    /** The members of a stored set; empty (and modifiable) when there is none. */
    static LinkedHashSet<Bytes> members(StoredValue v) {
        return v == null ? new LinkedHashSet<>() : Codec.decodeSet(v.payload());
    }

    static LinkedHashSet<Bytes> read(Call c, byte[] key) {
        return members(stored(c, key));
    }

    /** The set {@code key} should hold after a change: the old TTL kept; null (delete) when empty. */
    static StoredValue updated(StoredValue old, Set<Bytes> set) {
        if (set.isEmpty()) {
            return null;
        }
        byte[] payload = Codec.encodeSet(set);
        return old == null ? new StoredValue(ValueType.SET, 0, payload) : old.withPayload(payload);
    }

    static void store(Call c, byte[] key, StoredValue old, Set<Bytes> set) {
        StoredValue value = updated(old, set);
        if (value == null) {
            c.keyspace().delete(key);
        } else {
            c.keyspace().put(key, value);
        }
    }

    private static ByteBuf sadd(Call c) {
        StoredValue old = stored(c, c.arg(1));
        LinkedHashSet<Bytes> set = members(old);
        long added = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (set.add(new Bytes(c.arg(i)))) {
                added++;
            }
        }
        if (added > 0) {
            store(c, c.arg(1), old, set);
        }
        return c.integer(added);
    }

    private static ByteBuf srem(Call c) {
        StoredValue old = stored(c, c.arg(1));
        if (old == null) {
            return c.integer(0);
        }
        LinkedHashSet<Bytes> set = members(old);
        long removed = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (set.remove(new Bytes(c.arg(i)))) {
                removed++;
            }
        }
        if (removed > 0) {
            store(c, c.arg(1), old, set);
        }
        return c.integer(removed);
    }

    private static ByteBuf smismember(Call c) {
        LinkedHashSet<Bytes> set = read(c, c.arg(1));
        List<Object> reply = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            reply.add(set.contains(new Bytes(c.arg(i))) ? 1L : 0L);
        }
        return c.array(reply);
    }

    /**
     * {@code SMOVE source destination member}: a missing source answers 0 before any type check of
     * the destination; otherwise both must be sets. Both keys are written in one batch.
     */
    private static ByteBuf smove(Call c) {
        byte[] srcKey = c.arg(1);
        byte[] dstKey = c.arg(2);
        StoredValue src = stored(c, srcKey);
        if (src == null) {
            return c.integer(0);
        }
        StoredValue dst = stored(c, dstKey);
        Bytes member = new Bytes(c.arg(3));
        LinkedHashSet<Bytes> from = members(src);
        if (java.util.Arrays.equals(srcKey, dstKey)) {
            return c.integer(from.contains(member) ? 1 : 0);
        }
        if (!from.remove(member)) {
            return c.integer(0);
        }
        LinkedHashSet<Bytes> to = members(dst);
        to.add(member);
        c.keyspace().write(new byte[][] {srcKey, dstKey}, new StoredValue[] {updated(src, from), updated(dst, to)});
        return c.integer(1);
    }

    private static List<Object> matching(byte[] payload, Glob pattern) {
        List<Object> items = new ArrayList<>();
        for (Bytes member : Codec.decodeSet(payload)) {
            if (pattern == null || pattern.matches(member.bytes())) {
                items.add(member);
            }
        }
        return items;
    }
}
