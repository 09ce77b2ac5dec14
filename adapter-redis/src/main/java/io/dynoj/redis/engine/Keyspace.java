package io.dynoj.redis.engine;

import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.time.HybridClock;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The Redis keys of one node in an {@link OrderedStore}. Store keys are the Redis key behind a
 * one-byte prefix (so the engine can keep its own entries beside them). Reads never return an
 * expired key: they delete it instead. Callers hold the key's lock ({@link RedisEngine} does).
 *
 * <p>Every value is stored with the timestamp of the write that stored it ({@link StoredValue}): the
 * write's own ({@link #at}: the one its primary chose, the same on every replica), or one read from the
 * {@link HybridClock} for a write that came without. A delete leaves a tombstone with that timestamp,
 * invisible to every read and removed after the tombstone grace ({@link #tombstoneExpired}).
 */
public final class Keyspace {

    /** Prefix of Redis keys in the store; the range {@code [DATA, DATA + 1)} holds them all. */
    static final byte DATA = 'k';

    /** The {@link ValueCache}: 256k slots, at most 64 MB of keys and values. */
    private static final int CACHE_SLOTS = 1 << 18;
    private static final long CACHE_BYTES = 64L * 1024 * 1024;

    private final OrderedStore store;
    private final LongSupplier clock;
    private final ValueCache cache;
    private final long tombstoneGraceMillis;
    /** The timestamp writes through this view store; 0: one from the hybrid clock per write. */
    private final long writeTime;

    public Keyspace(OrderedStore store, LongSupplier clock) {
        this(store, clock, io.dynoj.core.storage.EngineSettings.DEFAULT_TOMBSTONE_GRACE_MILLIS);
    }

    public Keyspace(OrderedStore store, LongSupplier clock, long tombstoneGraceMillis) {
        this(store, clock, new ValueCache(CACHE_SLOTS, CACHE_BYTES), tombstoneGraceMillis, 0);
    }

    private Keyspace(OrderedStore store, LongSupplier clock, ValueCache cache, long tombstoneGraceMillis,
                     long writeTime) {
        this.store = store;
        this.clock = clock;
        this.cache = cache;
        this.tombstoneGraceMillis = tombstoneGraceMillis;
        this.writeTime = writeTime;
    }

    /** The same keys, whose writes store {@code timestamp} (a write's, chosen by its primary); 0: this one. */
    public Keyspace at(long timestamp) {
        return timestamp == 0 || timestamp == writeTime ? this
                : new Keyspace(store, clock, cache, tombstoneGraceMillis, timestamp);
    }

    /** The timestamp of a write through this view now. */
    private long stamp() {
        return writeTime != 0 ? writeTime : HybridClock.shared().now();
    }

    /** What the store holds for {@code key} (through the cache): a value, a tombstone, or null. */
    byte[] raw(byte[] storeKey) {
        byte[] raw = cache.lookup(storeKey);
        if (raw == ValueCache.UNKNOWN) {
            raw = store.get(storeKey);
            cache.remember(storeKey, raw);
        }
        return raw;
    }

    /**
     * The timestamp of the last write to {@code key}: its value's or its tombstone's, expired or not; 0 when the
     * store holds nothing for it, or a value from before write times.
     */
    public long writeTimeOf(byte[] key) {
        byte[] raw = raw(storeKey(key));
        return raw == null ? 0 : StoredValue.writeTimeOf(raw);
    }

    /** Whether {@code key} holds a tombstone. */
    boolean deleted(byte[] key) {
        byte[] raw = raw(storeKey(key));
        return raw != null && StoredValue.isTombstone(raw);
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
        if (raw == null || StoredValue.isTombstone(raw)) {
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
        byte[] raw = value.encode(stamp());
        writeThrough(() -> store.put(storeKey, raw), storeKey);
        cache.remember(storeKey, raw);
    }

    /** Stores an encoded value ({@link StoredValue#stringWithRoom}); one of write time 0 gets this view's. */
    void putEncoded(byte[] storeKey, byte[] raw) {
        if (StoredValue.writeTimeOf(raw) == 0) {
            StoredValue.restamp(raw, stamp());
        }
        writeThrough(() -> store.put(storeKey, raw), storeKey);
        cache.remember(storeKey, raw);
    }

    /**
     * Stores {@code value} (null: a tombstone) as written at {@code timestamp}, unless the key holds a write as
     * new or newer (last-write-wins: a repair copy or late write loses to what is there); true when stored. A
     * tombstone is not stored where the key holds nothing.
     */
    public boolean putIfNewer(byte[] key, StoredValue value, long timestamp) {
        byte[] storeKey = storeKey(key);
        byte[] old = raw(storeKey);
        if (old != null && StoredValue.writeTimeOf(old) >= timestamp || old == null && value == null) {
            return false;
        }
        byte[] raw = value == null ? StoredValue.tombstone(timestamp) : value.encode(timestamp);
        writeThrough(() -> store.put(storeKey, raw), storeKey);
        cache.remember(storeKey, raw);
        return true;
    }

    /**
     * Stores {@code value} with no write time (0: older than any timestamped write), or removes the key without a
     * tombstone when {@code value} is null: what a copy of unknown age does (a value from a store without write
     * times); true when the key held a live value before.
     */
    public boolean putUntimed(byte[] key, StoredValue value) {
        boolean existed = get(key) != null;
        byte[] storeKey = storeKey(key);
        byte[] raw = value == null ? null : value.encode(0);
        writeThrough(() -> {
            if (raw == null) {
                store.delete(storeKey);
            } else {
                store.put(storeKey, raw);
            }
        }, storeKey);
        cache.remember(storeKey, raw);
        return existed;
    }

    /** Removes {@code key}'s tombstone when its grace has passed; true when removed. */
    boolean removeOldTombstone(byte[] key) {
        byte[] storeKey = storeKey(key);
        byte[] raw = raw(storeKey);
        if (raw == null || !StoredValue.isTombstone(raw) || !tombstoneExpired(raw, now())) {
            return false;
        }
        writeThrough(() -> store.delete(storeKey), storeKey);
        cache.remember(storeKey, null);
        return true;
    }

    /** Whether the tombstone {@code raw} is older than the grace at {@code nowMillis}. */
    boolean tombstoneExpired(byte[] raw, long nowMillis) {
        return HybridClock.physicalMillis(StoredValue.writeTimeOf(raw)) + tombstoneGraceMillis <= nowMillis;
    }

    /** Stores a collection, or deletes the key when the collection became empty (as Redis does). */
    public void putOrDelete(byte[] key, StoredValue value, boolean empty) {
        if (empty) {
            delete(key);
        } else {
            put(key, value);
        }
    }

    /** Deletes {@code key}, leaving a tombstone; true when it existed (and was not expired). */
    public boolean delete(byte[] key) {
        boolean existed = get(key) != null;
        if (existed) {
            byte[] storeKey = storeKey(key);
            byte[] raw = StoredValue.tombstone(stamp());
            writeThrough(() -> store.put(storeKey, raw), storeKey);
            cache.remember(storeKey, raw);
        }
        return existed;
    }

    /** Writes several keys at once, atomically; a null value deletes (leaving a tombstone). */
    public void write(byte[][] keys, StoredValue[] values) {
        StoreBatch batch = new StoreBatch();
        byte[][] storeKeys = new byte[keys.length][];
        byte[][] raws = new byte[keys.length][];
        long timestamp = stamp();
        for (int i = 0; i < keys.length; i++) {
            storeKeys[i] = storeKey(keys[i]);
            raws[i] = values[i] == null ? StoredValue.tombstone(timestamp) : values[i].encode(timestamp);
            batch.put(storeKeys[i], raws[i]);
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
        for (StoreBatch.Op op : batch.ops()) {
            // Stamped now, its keys locked, as put() would: the store's order of a key's writes is their time order.
            if (!op.isDelete() && StoredValue.writeTimeOf(op.value()) == 0) {
                StoredValue.restamp(op.value(), HybridClock.shared().now());
            }
        }
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
