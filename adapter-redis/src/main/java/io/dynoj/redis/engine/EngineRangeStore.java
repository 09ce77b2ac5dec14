package io.dynoj.redis.engine;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.storage.KeyLocks;
import io.dynoj.core.storage.StoreIterator;
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
        List<KeyDigest> out = new ArrayList<>();
        scan(range, tokenOf, (key, token, value) -> out.add(new KeyDigest(token, key, CanonicalDigest.of(value))));
        out.sort(KeyDigest.ORDER);
        return out;
    }

    @Override
    public void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out) {
        scan(range, tokenOf, (key, token, value) -> out.accept(entry(key, value)));
    }

    @Override
    public List<Entry> export(List<byte[]> keys) {
        List<Entry> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            StoredValue value = locked(key, () -> keyspace.get(key));
            if (value != null) {
                out.add(entry(key, value));
            }
        }
        return out;
    }

    @Override
    public int importEntries(List<Entry> entries) {
        int stored = 0;
        for (Entry e : entries) {
            StoredValue value;
            try {
                value = RdbCodec.decode(e.value()).withExpireAt(e.expireAt());
            } catch (RdbFormatException ex) {
                throw new IllegalArgumentException("the value of a streamed key does not decode: " + ex.getMessage());
            }
            boolean live = !value.expiredAt(keyspace.now());
            locked(e.key(), () -> {
                if (live) {
                    keyspace.put(e.key(), value);
                } else {
                    keyspace.delete(e.key());
                }
                return null;
            });
            stored += live ? 1 : 0;
        }
        return stored;
    }

    @Override
    public int delete(List<byte[]> keys) {
        int deleted = 0;
        for (byte[] key : keys) {
            deleted += locked(key, () -> keyspace.delete(key)) ? 1 : 0;
        }
        return deleted;
    }

    private interface Visitor {
        void visit(byte[] key, long token, StoredValue value);
    }

    private void scan(TokenRange range, ToLongFunction<byte[]> tokenOf, Visitor visitor) {
        long now = keyspace.now();
        try (StoreIterator it = keyspace.store().scan(null, Keyspace.firstStoreKey(), Keyspace.endStoreKey())) {
            while (it.next()) {
                byte[] key = Keyspace.redisKey(it.key());
                long token = tokenOf.applyAsLong(key);
                if (!range.contains(token)) {
                    continue;
                }
                StoredValue value = StoredValue.decode(it.value());
                if (!value.expiredAt(now)) {
                    visitor.visit(key, token, value);
                }
            }
        }
    }

    private static Entry entry(byte[] key, StoredValue value) {
        return new Entry(key, RdbCodec.encode(value), value.expireAt());
    }

    private <T> T locked(byte[] key, java.util.function.Supplier<T> action) {
        int stripe = locks.stripe(key);
        locks.lock(stripe);
        try {
            return action.get();
        } finally {
            locks.unlock(stripe);
        }
    }
}
