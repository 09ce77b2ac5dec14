package io.dynoj.memcached.engine;

import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.time.HybridClock;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The memcached items of one node in an {@link OrderedStore}. Store keys are the memcached key behind
 * a one-byte prefix {@value #DATA}; the engine's own entries (cas ceiling, flush state) live under
 * {@value #ENGINE}. Reads never return an expired or flushed item: they delete it instead. Callers hold
 * the key's lock ({@link MemcachedEngine} does).
 *
 * <p>Every item is stored with the timestamp of the write that stored it ({@link Item}): the write's own
 * ({@link #at}: the one its key's primary chose, the same on every replica), or one read from the
 * {@link HybridClock} for a write that came without. A delete leaves a tombstone with that timestamp, invisible
 * to every read and removed after the tombstone grace ({@link #removeOldTombstone}). An item that expires or is
 * flushed leaves none: every replica expires it alike, and flush_all runs on every node.
 */
final class Items {

    static final byte DATA = 'k';
    static final byte ENGINE = 'e';

    private final OrderedStore store;
    private final LongSupplier clock;
    private final CasSequence cas;
    private final FlushState flush;
    private final long maxItemBytes;
    private final long tombstoneGraceMillis;
    /** The timestamp writes through this view store; 0: one from the hybrid clock per write. */
    private final long writeTime;

    /**
     * @param maxItemBytes appends past this size are refused (NOT_STORED), as memcached refuses them
     * @param tombstoneGraceMillis how long a tombstone is kept ({@code tombstone_grace})
     */
    Items(OrderedStore store, LongSupplier clock, long maxItemBytes, long tombstoneGraceMillis) {
        this.store = store;
        this.clock = clock;
        this.maxItemBytes = maxItemBytes;
        this.tombstoneGraceMillis = tombstoneGraceMillis;
        this.writeTime = 0;
        this.cas = new CasSequence(store, engineKey("cas-ceiling"), clock.getAsLong());
        this.flush = new FlushState(store, engineKey("flush"));
    }

    private Items(Items items, long writeTime) {
        this.store = items.store;
        this.clock = items.clock;
        this.maxItemBytes = items.maxItemBytes;
        this.tombstoneGraceMillis = items.tombstoneGraceMillis;
        this.cas = items.cas;
        this.flush = items.flush;
        this.writeTime = writeTime;
    }

    /** The same items, whose writes store {@code timestamp} (a write's, chosen by its primary); 0: this one. */
    Items at(long timestamp) {
        return timestamp == 0 || timestamp == writeTime ? this : new Items(this, timestamp);
    }

    /** The timestamp of a write through this view now. */
    private long stamp() {
        return writeTime != 0 ? writeTime : HybridClock.shared().now();
    }

    OrderedStore store() {
        return store;
    }

    long now() {
        return clock.getAsLong();
    }

    long nextCas() {
        return cas.next();
    }

    long maxItemBytes() {
        return maxItemBytes;
    }

    CasSequence casSequence() {
        return cas;
    }

    FlushState flush() {
        return flush;
    }

    /** The live item under {@code storeKey}, or {@code null} (an expired or flushed one is deleted). */
    Item get(byte[] storeKey) {
        byte[] raw = store.get(storeKey);
        if (raw == null || Item.isTombstone(raw)) {
            return null;
        }
        Item item = Item.decode(raw);
        if (!visible(item.expireAt(), item.cas(), now())) {
            store.delete(storeKey);
            return null;
        }
        return item;
    }

    boolean visible(long expireAt, long itemCas, long nowMillis) {
        return (expireAt == 0 || expireAt > nowMillis) && !flush.flushed(itemCas);
    }

    /**
     * Stores {@code item}, written now; one that is already expired (a negative exptime) deletes the key instead,
     * leaving a tombstone where the store held something.
     */
    void put(byte[] storeKey, Item item) {
        if (!item.expiredAt(now())) {
            store.put(storeKey, item.encodedAt(stamp()));
        } else if (store.get(storeKey) != null) {
            store.put(storeKey, Item.tombstone(stamp()));
        }
    }

    /**
     * Stores {@code item} keeping its write time: a change of its lease bits by a read, which is no write of the
     * value (the other replicas do not see it).
     */
    void putKeepingWriteTime(byte[] storeKey, Item item) {
        store.put(storeKey, item.encodedAt(item.writeTime()));
    }

    /** Deletes the (live) item under {@code storeKey}, leaving a tombstone. */
    void delete(byte[] storeKey) {
        store.put(storeKey, Item.tombstone(stamp()));
    }

    /**
     * The timestamp of the last write to {@code storeKey}: its item's or its tombstone's, expired or not; 0 when
     * the store holds nothing for it, or an item from before write times.
     */
    long writeTimeOf(byte[] storeKey) {
        byte[] raw = store.get(storeKey);
        return raw == null ? 0 : Item.writeTimeOf(raw);
    }

    /**
     * Stores {@code item} (null: a tombstone) as written at {@code timestamp}, unless the key holds a write as new
     * or newer (last-write-wins: a repair copy or late write loses to what is there); true when stored. A tombstone
     * is not stored where the key holds nothing.
     */
    boolean putIfNewer(byte[] storeKey, Item item, long timestamp) {
        byte[] old = store.get(storeKey);
        if (old != null && Item.writeTimeOf(old) >= timestamp || old == null && item == null) {
            return false;
        }
        store.put(storeKey, item == null ? Item.tombstone(timestamp) : item.encodedAt(timestamp));
        return true;
    }

    /**
     * Stores {@code item} with no write time (0: older than any timestamped write), or removes the key without a
     * tombstone when {@code item} is null: what a copy of unknown age does (from a store that keeps no write
     * times); true when the key held a live item before.
     */
    boolean putUntimed(byte[] storeKey, Item item) {
        boolean existed = get(storeKey) != null;
        if (item == null) {
            store.delete(storeKey);
        } else {
            store.put(storeKey, item.encodedAt(0));
        }
        return existed;
    }

    /** Removes the tombstone under {@code storeKey} when its grace has passed; true when removed. */
    boolean removeOldTombstone(byte[] storeKey) {
        byte[] raw = store.get(storeKey);
        if (raw == null || !Item.isTombstone(raw) || !tombstoneExpired(raw, now())) {
            return false;
        }
        store.delete(storeKey);
        return true;
    }

    /** Whether the tombstone {@code raw} is older than the grace at {@code nowMillis}. */
    boolean tombstoneExpired(byte[] raw, long nowMillis) {
        return HybridClock.physicalMillis(Item.writeTimeOf(raw)) + tombstoneGraceMillis <= nowMillis;
    }

    static byte[] storeKey(ByteBuf key) {
        byte[] k = new byte[key.readableBytes() + 1];
        k[0] = DATA;
        key.getBytes(key.readerIndex(), k, 1, key.readableBytes());
        return k;
    }

    /** The memcached key of a store key. */
    static byte[] memcachedKey(byte[] storeKey) {
        return Arrays.copyOfRange(storeKey, 1, storeKey.length);
    }

    static byte[] storeKey(byte[] key) {
        byte[] k = new byte[key.length + 1];
        k[0] = DATA;
        System.arraycopy(key, 0, k, 1, key.length);
        return k;
    }

    /** Writes the memcached key of a store key. */
    static void writeKey(ByteBuf out, byte[] storeKey) {
        out.writeBytes(storeKey, 1, storeKey.length - 1);
    }

    static byte[] firstStoreKey() {
        return new byte[] {DATA};
    }

    static byte[] endStoreKey() {
        return new byte[] {DATA + 1};
    }

    private static byte[] engineKey(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] k = new byte[n.length + 1];
        k[0] = ENGINE;
        System.arraycopy(n, 0, k, 1, n.length);
        return k;
    }
}
