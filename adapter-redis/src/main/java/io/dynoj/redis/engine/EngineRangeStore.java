package io.dynoj.redis.engine;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.storage.KeyLocks;
import io.dynoj.core.storage.RangeScan;
import io.dynoj.redis.engine.rdb.RdbCodec;
import io.dynoj.redis.engine.rdb.RdbFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The engine's keys as a {@link RangeStore}: values as Redis DUMP payloads ({@link RdbCodec}, the form
 * redis-server's DUMP gives), digests by {@link CanonicalDigest}.
 *
 * <p>A range is read by one scan of the whole keyspace, each key's token computed and the keys outside
 * the range skipped: the store keeps keys in key order, not token order, so a range costs a full scan
 * (about a microsecond per key on LevelDB, plus the digest of the keys inside). A token-ordered index
 * would make it one ordered scan of the range, at the cost of a second store entry per key on every write;
 * not built.
 *
 * <p>Write times: digests and exports carry each key's, digests list tombstones as deleted keys, and an import
 * with a write time is last-write-wins ({@link Keyspace#putIfNewer}), so repair never overwrites a newer write
 * nor brings back a key deleted after the copy's write. An entry without a write time (from a store that keeps
 * none) is stored with none, older than any timestamped write, and {@link #delete} leaves no tombstone: both are
 * what repair does where no replica has write times (the majority decides).
 *
 * <p>Threading: scans run without locks (a store iterator sees each key once); export of named keys,
 * imports and deletes take each key's stripe lock, so they are atomic with respect to client commands.
 */
final class EngineRangeStore implements RangeStore {

    private final Keyspace keyspace;
    private final KeyLocks locks;

    EngineRangeStore(Keyspace keyspace, KeyLocks locks) {
        this.keyspace = keyspace;
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
        scan(range, tokenOf, tombstones, (key, token, value, writeTime) -> out.add(value == null
                ? new KeyDigest(token, key, 0, writeTime, true)
                : new KeyDigest(token, key, CanonicalDigest.of(value), writeTime, false)));
        out.sort(KeyDigest.ORDER);
        return out;
    }

    @Override
    public void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out) {
        scan(range, tokenOf, false, (key, token, value, writeTime) -> out.accept(entry(key, value, writeTime)));
    }

    @Override
    public List<Entry> export(List<byte[]> keys) {
        List<Entry> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            Entry e = locks.underLock(key, () -> {
                StoredValue value = keyspace.get(key);
                return value == null ? null : entry(key, value, keyspace.writeTimeOf(key));
            });
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public int importEntries(List<Entry> entries) {
        int stored = 0;
        for (Entry e : entries) {
            if (e.deleted()) {
                stored += locks.underLock(e.key(), () -> keyspace.putIfNewer(e.key(), null, e.writeTime())) ? 1 : 0;
                continue;
            }
            StoredValue value;
            try {
                value = RdbCodec.decode(e.value()).withExpireAt(e.expireAt());
            } catch (RdbFormatException ex) {
                throw new IllegalArgumentException("the value of a streamed key does not decode: " + ex.getMessage());
            }
            boolean live = !value.expiredAt(keyspace.now());
            boolean done = locks.underLock(e.key(), () -> {
                if (e.writeTime() != 0) {
                    // Last-write-wins: a copy older than what the key holds (written since it was read) loses.
                    return keyspace.putIfNewer(e.key(), live ? value : null, e.writeTime()) && live;
                }
                keyspace.putUntimed(e.key(), live ? value : null);
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
            deleted += locks.underLock(key, () -> keyspace.putUntimed(key, null)) ? 1 : 0;
        }
        return deleted;
    }

    /** A key found by a scan: its value, or null for a tombstone, and the timestamp of its last write. */
    private interface Visitor {
        void visit(byte[] key, long token, StoredValue value, long writeTime);
    }

    private void scan(TokenRange range, ToLongFunction<byte[]> tokenOf, boolean tombstones, Visitor visitor) {
        long now = keyspace.now();
        RangeScan.scan(keyspace.store(), Keyspace.firstStoreKey(), Keyspace.endStoreKey(), Keyspace::redisKey, range,
                tokenOf, (key, token, raw) -> {
                    if (StoredValue.isTombstone(raw)) {
                        if (tombstones) {
                            visitor.visit(key, token, null, StoredValue.writeTimeOf(raw));
                        }
                        return;
                    }
                    StoredValue value = StoredValue.decode(raw);
                    if (!value.expiredAt(now)) {
                        visitor.visit(key, token, value, StoredValue.writeTimeOf(raw));
                    }
                });
    }

    private static Entry entry(byte[] key, StoredValue value, long writeTime) {
        return new Entry(key, RdbCodec.encode(value), value.expireAt(), writeTime, false);
    }
}
