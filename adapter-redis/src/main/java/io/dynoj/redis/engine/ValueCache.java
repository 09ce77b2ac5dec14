package io.dynoj.redis.engine;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A direct-mapped cache of recently read or written store entries (and of keys known to be
 * absent), in front of the store: a GET of a hot key then costs no LevelDB lookup or database round
 * trip. One slot per hash of the key; a newer key in a slot simply replaces the older one. Its size
 * is bounded: at most {@code budgetBytes} of keys and values, none larger than {@link #MAX_VALUE}.
 *
 * <p>Consistency: only a thread holding a key's lock ({@link io.dynoj.core.storage.KeyLocks})
 * reads or writes that key's slot content, and it updates the slot after every store write of the
 * key. Two keys that share a slot only evict each other; a reader compares the stored key, so it
 * never takes another key's value.
 */
final class ValueCache {

    static final int MAX_VALUE = 4 * 1024;
    /** What an entry costs beyond its bytes (the entry, two array headers, the slot). */
    private static final int OVERHEAD = 64;

    /** A slot's content; {@code raw == null} means the key is known to be absent. */
    private record Entry(byte[] storeKey, byte[] raw) {
        long bytes() {
            return OVERHEAD + storeKey.length + (raw == null ? 0 : raw.length);
        }
    }

    /** What {@link #lookup} returns when the cache does not know the key. */
    static final byte[] UNKNOWN = new byte[0];

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;
    private final long budgetBytes;
    private final AtomicLong bytes = new AtomicLong();

    ValueCache(int slots, long budgetBytes) {
        int n = Integer.highestOneBit(Math.max(2, slots - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(n);
        this.mask = n - 1;
        this.budgetBytes = budgetBytes;
    }

    /** The cached entry value (null: known absent), or {@link #UNKNOWN}. */
    byte[] lookup(byte[] storeKey) {
        Entry e = slots.get(slot(storeKey));
        if (e == null || !Arrays.equals(e.storeKey, storeKey)) {
            return UNKNOWN;
        }
        return e.raw;
    }

    /** Records what the store now holds for the key ({@code null}: nothing). */
    void remember(byte[] storeKey, byte[] raw) {
        int slot = slot(storeKey);
        if ((raw != null && raw.length > MAX_VALUE) || bytes.get() > budgetBytes) {
            forget(slot, storeKey);
            return;
        }
        Entry entry = new Entry(storeKey, raw);
        Entry old = slots.getAndSet(slot, entry);
        bytes.addAndGet(entry.bytes() - (old == null ? 0 : old.bytes()));
    }

    /** Drops what the cache knows of the key: the next read asks the store. */
    void forget(byte[] storeKey) {
        forget(slot(storeKey), storeKey);
    }

    private void forget(int slot, byte[] storeKey) {
        Entry e = slots.get(slot);
        if (e != null && Arrays.equals(e.storeKey, storeKey) && slots.compareAndSet(slot, e, null)) {
            bytes.addAndGet(-e.bytes());
        }
    }

    /** Bytes of keys and values held now (approximately, while writers race). */
    long bytes() {
        return bytes.get();
    }

    private int slot(byte[] storeKey) {
        // Arrays.hashCode of similar keys ("key:000001", "key:000002") differ in few bits: mix them.
        int h = Arrays.hashCode(storeKey) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
