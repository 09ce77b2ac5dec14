package io.dynoj.redis.engine;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A cache of recently read or written store entries (and of keys known to be absent), in front of the
 * store: a GET of a hot key then costs no LevelDB lookup or database round trip. Set-associative: a key may
 * sit in any of the {@link #WAYS} slots of its set (one cache line of the slot array), so keys whose hashes
 * meet no longer evict each other while the set has room (for 100k keys in 256k slots about 98% of the keys
 * have a slot, against 83% when a key had one slot only). A new key takes a free slot of its set, else a
 * random one. Its size is bounded: at most {@code budgetBytes} of keys and values, none larger than
 * {@link #MAX_VALUE}.
 *
 * <p>Consistency: only a thread holding a key's lock ({@link io.dynoj.core.storage.KeyLocks}) puts that key
 * into a slot or replaces its entry, and it updates the cache after every store write of the key; it looks at
 * every slot of the set first, so a key is never in two slots (no stale copy to find later). Other threads may
 * only evict the key's entry (replace it with theirs). A reader compares the stored key, so it never takes
 * another key's value. The tags (the keys' hashes per slot) only spare a lookup the entries that cannot match.
 */
final class ValueCache {

    static final int MAX_VALUE = 4 * 1024;
    static final int WAYS = 4;
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
    /** The hash of the key last put in each slot; read without ordering, it only filters. */
    private final int[] tags;
    private final int setMask;
    private final long budgetBytes;
    private final AtomicLong bytes = new AtomicLong();

    ValueCache(int slots, long budgetBytes) {
        int n = Math.max(WAYS, Integer.highestOneBit(Math.max(2, slots - 1)) << 1);
        this.slots = new AtomicReferenceArray<>(n);
        this.tags = new int[n];
        this.setMask = (n - 1) & -WAYS;
        this.budgetBytes = budgetBytes;
    }

    /** The cached entry value (null: known absent), or {@link #UNKNOWN}. */
    byte[] lookup(byte[] storeKey) {
        int hash = hash(storeKey);
        int set = hash & setMask;
        for (int slot = set; slot < set + WAYS; slot++) {
            if (tags[slot] == hash) {
                Entry e = slots.get(slot);
                if (e != null && Arrays.equals(e.storeKey, storeKey)) {
                    return e.raw;
                }
            }
        }
        return UNKNOWN;
    }

    /** Records what the store now holds for the key ({@code null}: nothing). The caller holds the key's lock. */
    void remember(byte[] storeKey, byte[] raw) {
        int hash = hash(storeKey);
        int set = hash & setMask;
        if ((raw != null && raw.length > MAX_VALUE) || bytes.get() > budgetBytes) {
            forget(set, hash, storeKey);
            return;
        }
        Entry entry = new Entry(storeKey, raw);
        int slot = slotOf(set, hash, storeKey);
        if (slot < 0) {
            slot = freeSlot(set);
            if (slot < 0 || !slots.compareAndSet(slot, null, entry)) {
                slot = set + ThreadLocalRandom.current().nextInt(WAYS);
            } else {
                tags[slot] = hash;
                bytes.addAndGet(entry.bytes());
                return;
            }
        }
        tags[slot] = hash;
        Entry old = slots.getAndSet(slot, entry);
        bytes.addAndGet(entry.bytes() - (old == null ? 0 : old.bytes()));
    }

    /** Drops what the cache knows of the key: the next read asks the store. The caller holds the key's lock. */
    void forget(byte[] storeKey) {
        int hash = hash(storeKey);
        forget(hash & setMask, hash, storeKey);
    }

    private void forget(int set, int hash, byte[] storeKey) {
        int slot = slotOf(set, hash, storeKey);
        Entry e = slot < 0 ? null : slots.get(slot);
        if (e != null && Arrays.equals(e.storeKey, storeKey) && slots.compareAndSet(slot, e, null)) {
            bytes.addAndGet(-e.bytes());
        }
    }

    /**
     * The slot of {@code set} holding the key, or -1. The slots whose tag matches are compared first (a rewrite
     * of a cached key reads one entry); then the others, because a tag is only a hint (two writers of one slot
     * may leave one's tag beside the other's entry), and a key must never be cached twice.
     */
    private int slotOf(int set, int hash, byte[] storeKey) {
        for (int pass = 0; pass < 2; pass++) {
            for (int slot = set; slot < set + WAYS; slot++) {
                if ((tags[slot] == hash) == (pass == 0)) {
                    Entry e = slots.get(slot);
                    if (e != null && Arrays.equals(e.storeKey, storeKey)) {
                        return slot;
                    }
                }
            }
        }
        return -1;
    }

    private int freeSlot(int set) {
        for (int slot = set; slot < set + WAYS; slot++) {
            if (slots.get(slot) == null) {
                return slot;
            }
        }
        return -1;
    }

    /** Bytes of keys and values held now (approximately, while writers race). */
    long bytes() {
        return bytes.get();
    }

    private static int hash(byte[] storeKey) {
        // Arrays.hashCode of similar keys ("key:000001", "key:000002") differ in few bits: mix them.
        int h = Arrays.hashCode(storeKey) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
