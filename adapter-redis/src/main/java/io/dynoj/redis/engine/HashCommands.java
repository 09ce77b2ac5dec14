package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis hash commands. A hash is one stored entry (a {@link Codec} hash payload, fields in
 * insertion order, as Redis's listpack shows them); every change rewrites it, keeping its TTL, and a
 * hash left empty is deleted. Counters are in {@link HashIncrements}, HRANDFIELD in
 * {@link HashRandomField}.
 */
final class HashCommands {

    private HashCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("hset", c -> c.integer(set(c, "hset")))
                .add("hmset", c -> {
                    set(c, "hmset");
                    return c.ok();
                })
                .add("hsetnx", HashCommands::hsetnx)
                .add("hget", c -> c.bulk(read(c, c.arg(1)).get(new Bytes(c.arg(2)))))
                .add("hmget", HashCommands::hmget)
                .add("hdel", HashCommands::hdel)
                .add("hlen", c -> c.integer(read(c, c.arg(1)).size()))
                .add("hstrlen", HashCommands::hstrlen)
                .add("hexists", c -> c.integer(read(c, c.arg(1)).containsKey(new Bytes(c.arg(2))) ? 1 : 0))
                .add("hkeys", c -> c.array(new ArrayList<>(read(c, c.arg(1)).keySet())))
                .add("hvals", c -> c.array(new ArrayList<>(read(c, c.arg(1)).values())))
                .add("hgetall", c -> c.array(flatten(read(c, c.arg(1)), null)))
                .add("hincrby", HashIncrements::hincrby)
                .add("hincrbyfloat", HashIncrements::hincrbyfloat)
                .add("hrandfield", HashRandomField::run)
                .add("hscan", c -> CollectionScan.run(c, ValueType.HASH,
                        (payload, pattern) -> flatten(Codec.decodeHash(payload), pattern)));
    }

    /** The hash at {@code key}, null when absent; WRONGTYPE for other types. */
    static StoredValue stored(Call c, byte[] key) {
        return c.keyspace().get(key, ValueType.HASH);
    }

    /** The fields of a stored hash; empty (and modifiable) when there is none. */
    static LinkedHashMap<Bytes, byte[]> fields(StoredValue v) {
        return v == null ? new LinkedHashMap<>() : Codec.decodeHash(v.payload());
    }

    static LinkedHashMap<Bytes, byte[]> read(Call c, byte[] key) {
        return fields(stored(c, key));
    }

    /** Writes {@code hash} back to {@code key}, keeping the old value's TTL; an empty hash deletes the key. */
    static void store(Call c, byte[] key, StoredValue old, Map<Bytes, byte[]> hash) {
        byte[] payload = Codec.encodeHash(hash);
        StoredValue value = old == null ? new StoredValue(ValueType.HASH, 0, payload) : old.withPayload(payload);
        c.keyspace().putOrDelete(key, value, hash.isEmpty());
    }

    /** HSET/HMSET: the number of fields that were new. */
    private static long set(Call c, String name) {
        if (c.argc() % 2 != 0) {
            throw new RedisError("ERR wrong number of arguments for '" + name + "' command");
        }
        StoredValue old = stored(c, c.arg(1));
        LinkedHashMap<Bytes, byte[]> hash = fields(old);
        long added = 0;
        for (int i = 2; i < c.argc(); i += 2) {
            // A replaced field keeps its place, as in Redis's listpack.
            if (hash.put(new Bytes(c.arg(i)), c.arg(i + 1)) == null) {
                added++;
            }
        }
        store(c, c.arg(1), old, hash);
        return added;
    }

    private static ByteBuf hsetnx(Call c) {
        StoredValue old = stored(c, c.arg(1));
        LinkedHashMap<Bytes, byte[]> hash = fields(old);
        if (hash.putIfAbsent(new Bytes(c.arg(2)), c.arg(3)) != null) {
            return c.integer(0);
        }
        store(c, c.arg(1), old, hash);
        return c.integer(1);
    }

    private static ByteBuf hmget(Call c) {
        LinkedHashMap<Bytes, byte[]> hash = read(c, c.arg(1));
        List<Object> values = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            values.add(hash.get(new Bytes(c.arg(i))));
        }
        return c.array(values);
    }

    private static ByteBuf hdel(Call c) {
        StoredValue old = stored(c, c.arg(1));
        if (old == null) {
            return c.integer(0);
        }
        LinkedHashMap<Bytes, byte[]> hash = fields(old);
        long removed = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (hash.remove(new Bytes(c.arg(i))) != null) {
                removed++;
            }
        }
        if (removed > 0) {
            store(c, c.arg(1), old, hash);
        }
        return c.integer(removed);
    }

    private static ByteBuf hstrlen(Call c) {
        byte[] value = read(c, c.arg(1)).get(new Bytes(c.arg(2)));
        return c.integer(value == null ? 0 : value.length);
    }

    /** Field, value, field, value... of the fields matching {@code pattern} (all when null). */
    static List<Object> flatten(Map<Bytes, byte[]> hash, Glob pattern) {
        List<Object> items = new ArrayList<>(hash.size() * 2);
        hash.forEach((field, value) -> {
            if (pattern == null || pattern.matches(field.bytes())) {
                items.add(field);
                items.add(value);
            }
        });
        return items;
    }
}
