package io.dynoj.redis.engine;

import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreBatch;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The Redis keys of one node in an {@link OrderedStore}. Store keys are the Redis key behind a
 * one-byte prefix (so the engine can keep its own entries beside them). Reads never return an
 * expired key: they delete it instead. Callers hold the key's lock ({@link RedisEngine} does).
 */
public final class Keyspace {

    /** Prefix of Redis keys in the store; the range {@code [DATA, DATA + 1)} holds them all. */
    static final byte DATA = 'k';

    /** The {@link ValueCache}: 256k slots, at most 64 MB of keys and values. */
    private static final int CACHE_SLOTS = 1 << 18;
    private static final long CACHE_BYTES = 64L * 1024 * 1024;

    private final OrderedStore store;
    private final LongSupplier clock;
    private final ValueCache cache = new ValueCache(CACHE_SLOTS, CACHE_BYTES);

    public Keyspace(OrderedStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    public OrderedStore store() {
        return store;
    }

    public long now() {
        return clock.getAsLong();
    }

    /** The live value of {@code key}, or {@code null} when absent or expired. */
    public StoredValue get(byte[] key) {
        byte[] storeKey = storeKey(key);
        byte[] raw = raw(storeKey);
        if (raw == null) {
            return null;
        }
        StoredValue value = StoredValue.decode(raw);
        if (value.expiredAt(now())) {
            writeThrough(() -> store.delete(storeKey), storeKey);
            cache.remember(storeKey, null);
            return null;
        }
        return value;
    }

    /** The stored entry of a store key as it is (expired or not), from the cache or the store; null when absent. */
    byte[] raw(byte[] storeKey) {
        byte[] raw = cache.lookup(storeKey);
        if (raw == ValueCache.UNKNOWN) {
            raw = store.get(storeKey);
            cache.remember(storeKey, raw);
        }
        return raw;
    }

    /** The live value of {@code key} if it has type {@code type}; null when absent; WRONGTYPE otherwise. */
    public StoredValue get(byte[] key, ValueType type) {
        StoredValue value = get(key);
        if (value != null && value.type() != type) {
            throw RedisError.wrongType();
        }
        return value;
    }

    public boolean exists(byte[] key) {
        return get(key) != null;
    }

    public void put(byte[] key, StoredValue value) {
        byte[] storeKey = storeKey(key);
        byte[] raw = value.encode();
        writeThrough(() -> store.put(storeKey, raw), storeKey);
        cache.remember(storeKey, raw);
    }

    /** Stores a collection, or deletes the key when the collection became empty (as Redis does). */
    public void putOrDelete(byte[] key, StoredValue value, boolean empty) {
        if (empty) {
            delete(key);
        } else {
            put(key, value);
        }
    }

    /** Deletes {@code key}; true when it existed (and was not expired). */
    public boolean delete(byte[] key) {
        boolean existed = get(key) != null;
        if (existed) {
            byte[] storeKey = storeKey(key);
            writeThrough(() -> store.delete(storeKey), storeKey);
            cache.remember(storeKey, null);
        }
        return existed;
    }

    /** Writes several keys at once, atomically; a null value deletes. */
    public void write(byte[][] keys, StoredValue[] values) {
        StoreBatch batch = new StoreBatch();
        byte[][] storeKeys = new byte[keys.length][];
        byte[][] raws = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            storeKeys[i] = storeKey(keys[i]);
            if (values[i] == null) {
                batch.delete(storeKeys[i]);
            } else {
                raws[i] = values[i].encode();
                batch.put(storeKeys[i], raws[i]);
            }
        }
        writeThrough(() -> store.write(batch), storeKeys);
        for (int i = 0; i < keys.length; i++) {
            cache.remember(storeKeys[i], raws[i]);
        }
    }

    /**
     * Writes a group of staged writes (store keys and encoded values, {@link PlainCommands}) as one batch;
     * the caller holds the locks of all their keys. A key staged twice ends with its last value.
     */
    void writeStaged(StoreBatch batch) {
        try {
            store.write(batch);
        } catch (RuntimeException e) {
            for (StoreBatch.Op op : batch.ops()) {
                cache.forget(op.key());
            }
            throw e;
        }
        for (StoreBatch.Op op : batch.ops()) {
            cache.remember(op.key(), op.value());
        }
    }

    /**
     * Runs a store write; when it throws, the cache forgets the keys, since a failed write may
     * still have been applied (a database that died after its commit).
     */
    private void writeThrough(Runnable write, byte[]... storeKeys) {
        try {
            write.run();
        } catch (RuntimeException e) {
            for (byte[] storeKey : storeKeys) {
                cache.forget(storeKey);
            }
            throw e;
        }
    }

    static byte[] storeKey(byte[] key) {
        byte[] k = new byte[key.length + 1];
        k[0] = DATA;
        System.arraycopy(key, 0, k, 1, key.length);
        return k;
    }

    /** The store key of a key held in a buffer (its readable bytes). */
    static byte[] storeKey(io.netty.buffer.ByteBuf key) {
        byte[] k = new byte[key.readableBytes() + 1];
        k[0] = DATA;
        key.getBytes(key.readerIndex(), k, 1, k.length - 1);
        return k;
    }

    static byte[] redisKey(byte[] storeKey) {
        return Arrays.copyOfRange(storeKey, 1, storeKey.length);
    }

    static byte[] firstStoreKey() {
        return new byte[] {DATA};
    }

    static byte[] endStoreKey() {
        return new byte[] {DATA + 1};
    }
}
