package io.dynoj.memcached.engine;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.storage.KeyLocks;
import io.dynoj.core.storage.RangeScan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The engine's items as a {@link RangeStore}: values in the portable form {@code [flags][data]}
 * ({@link io.dynoj.memcached.protocol.PortableItem}, the same a memcached server's range store gives), digests by
 * {@link io.dynoj.memcached.protocol.PortableItemDigest} (flags, data, expiry second; never the cas), so racks of
 * the embedded engine and of memcached servers compare equal.
 *
 * <p>A range is read by one scan of all the items, each key's token computed and the keys outside the range
 * skipped: the store keeps keys in key order, not token order (as the Redis engine's range store does).
 *
 * <p>Write times: digests and exports carry each item's, digests list tombstones as deleted keys, and an import
 * with a write time is last-write-wins ({@link Items#putIfNewer}), so repair never overwrites a newer write nor
 * brings back a key deleted after the copy's write. An entry without a write time (from a store that keeps none)
 * is stored with none, older than any timestamped write, and {@link #delete} leaves no tombstone. An imported
 * item gets a cas of this node. Expired and flushed items are left out.
 *
 * <p>Threading: scans run without locks (a store iterator sees each key once); export of named keys, imports and
 * deletes take each key's stripe lock, so they are atomic with respect to client commands.
 */
final class ItemRangeStore implements RangeStore {

    private final Items items;
    private final KeyLocks locks;

    ItemRangeStore(Items items, KeyLocks locks) {
        this.items = items;
        this.locks = locks;
    }

    @Override
    public List<KeyDigest> digests(TokenRange range, ToLongFunction<byte[]> tokenOf) {
        return digests(range, tokenOf, false);
    }

    @Override
    public List<KeyDigest> digestsAndTombstones(TokenRange range, ToLongFunction<byte[]> tokenOf) {
        return digests(range, tokenOf, true);
    }

    private List<KeyDigest> digests(TokenRange range, ToLongFunction<byte[]> tokenOf, boolean tombstones) {
        List<KeyDigest> out = new ArrayList<>();
        scan(range, tokenOf, tombstones, (key, token, item, writeTime) -> out.add(item == null
                ? new KeyDigest(token, key, 0, writeTime, true)
                : new KeyDigest(token, key, item.digest(), writeTime, false)));
        out.sort(KeyDigest.ORDER);
        return out;
    }

    @Override
    public void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out) {
        scan(range, tokenOf, false, (key, token, item, writeTime) -> out.accept(entry(key, item)));
    }

    @Override
    public List<Entry> export(List<byte[]> keys) {
        List<Entry> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            byte[] storeKey = Items.storeKey(key);
            Item item = locks.underLock(storeKey, () -> items.get(storeKey));
            if (item != null) {
                out.add(entry(key, item));
            }
        }
        return out;
    }

    @Override
    public int importEntries(List<Entry> entries) {
        int stored = 0;
        for (Entry e : entries) {
            byte[] storeKey = Items.storeKey(e.key());
            if (e.deleted()) {
                stored += locks.underLock(storeKey, () -> items.putIfNewer(storeKey, null, e.writeTime())) ? 1 : 0;
                continue;
            }
            Item item = Item.ofPortable(e.value(), e.expireAt(), items.nextCas());
            boolean live = !item.expiredAt(items.now());
            boolean done = locks.underLock(storeKey, () -> {
                if (e.writeTime() != 0) {
                    // Last-write-wins: a copy older than what the key holds (written since it was read) loses.
                    return items.putIfNewer(storeKey, live ? item : null, e.writeTime()) && live;
                }
                items.putUntimed(storeKey, live ? item : null);
                return live;
            });
            stored += done ? 1 : 0;
        }
        return stored;
    }

    @Override
    public int delete(List<byte[]> keys) {
        int deleted = 0;
        for (byte[] key : keys) {
            byte[] storeKey = Items.storeKey(key);
            deleted += locks.underLock(storeKey, () -> items.putUntimed(storeKey, null)) ? 1 : 0;
        }
        return deleted;
    }

    /** A key found by a scan: its item, or null for a tombstone, and the timestamp of its last write. */
    private interface Visitor {
        void visit(byte[] key, long token, Item item, long writeTime);
    }

    private void scan(TokenRange range, ToLongFunction<byte[]> tokenOf, boolean tombstones, Visitor visitor) {
        long now = items.now();
        RangeScan.scan(items.store(), Items.firstStoreKey(), Items.endStoreKey(), Items::memcachedKey, range, tokenOf,
                (key, token, raw) -> {
                    if (Item.isTombstone(raw)) {
                        if (tombstones) {
                            visitor.visit(key, token, null, Item.writeTimeOf(raw));
                        }
                        return;
                    }
                    Item item = Item.decode(raw);
                    if (items.visible(item.expireAt(), item.cas(), now)) {
                        visitor.visit(key, token, item, item.writeTime());
                    }
                });
    }

    private static Entry entry(byte[] key, Item item) {
        return new Entry(key, item.portable(), item.expireAt(), item.writeTime(), false);
    }
}
