package io.dynoj.core.repair;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What one node answers about its own datastore's ranges, for a repair run here or a peer's STREAM
 * frames: the Merkle tree of a range, the keys of some of its leaves, exports, imports and deletes.
 *
 * <p>A range's digests are read once per tree: the keys of differing leaves asked next are taken from
 * the digests the tree was built from (kept until unused for {@link #CACHE_MILLIS}, one range at a time), so a repair
 * reads each range of the store once, not once per question. Imports do not drop them: a run asks for the
 * keys of its leaves in order and imports only keys of leaves it has compared, and every run starts with a
 * fresh tree. (Two runs from different nodes over the same range at once could see a leaf's keys as they
 * were before the other's imports: they would stream a key again, or miss it until the next repair.)
 *
 * <p>Threading: called from the repair thread and the node's streaming thread; the cache is guarded by
 * this object's lock, store calls run outside it.
 */
public final class RangeOps {

    static final long CACHE_MILLIS = 60_000;

    private final Supplier<RangeStore> store;
    private final ToLongFunction<byte[]> tokenOf;
    private final LongSupplier clock;
    private TokenRange cachedRange;
    private List<KeyDigest> cached;
    private long cachedAt;

    /**
     * @param store the datastore's range store when it has one (null: every call fails saying so)
     * @param tokenOf the cluster's token of a key
     */
    public RangeOps(Supplier<RangeStore> store, ToLongFunction<byte[]> tokenOf, LongSupplier clock) {
        this.store = store;
        this.tokenOf = tokenOf;
        this.clock = clock;
    }

    private RangeStore store() {
        RangeStore s = store.get();
        if (s == null) {
            throw new IllegalStateException("this node's datastore cannot stream token ranges");
        }
        return s;
    }

    /** The tree of {@code range} as the store holds it now (read afresh). */
    public MerkleTree tree(TokenRange range, int depth) {
        return MerkleTree.of(range, depth, read(range));
    }

    /** The tree of {@code range} read afresh, as deep as gives about {@code keysPerLeaf} keys per leaf. */
    public MerkleTree treeSized(TokenRange range, int keysPerLeaf) {
        List<KeyDigest> digests = read(range);
        return MerkleTree.of(range, MerkleTree.depthFor(digests.size(), keysPerLeaf), digests);
    }

    private List<KeyDigest> read(TokenRange range) {
        List<KeyDigest> digests = store().digestsAndTombstones(range, tokenOf);
        synchronized (this) {
            cachedRange = range;
            cached = digests;
            cachedAt = clock.getAsLong();
        }
        return digests;
    }

    /** The keys of {@code range} in {@code leaves} of a tree of {@code depth}, in {@link KeyDigest#ORDER}. */
    public List<KeyDigest> keys(TokenRange range, int depth, int[] leaves) {
        List<KeyDigest> digests = null;
        synchronized (this) {
            long now = clock.getAsLong();
            if (range.equals(cachedRange) && now - cachedAt < CACHE_MILLIS) {
                digests = cached;
                cachedAt = now; // kept while a run keeps asking: a large range takes minutes of questions
            }
        }
        if (digests == null) {
            digests = store().digestsAndTombstones(range, tokenOf);
        }
        BitSet wanted = new BitSet(1 << depth);
        for (int leaf : leaves) {
            wanted.set(leaf);
        }
        List<KeyDigest> out = new ArrayList<>();
        for (KeyDigest k : digests) {
            if (wanted.get(MerkleTree.leaf(range, depth, k.token()))) {
                out.add(k);
            }
        }
        return out;
    }

    public List<Entry> export(List<byte[]> keys) {
        return store().export(keys);
    }

    public int importEntries(List<Entry> entries) {
        return store().importEntries(entries);
    }

    public int delete(List<byte[]> keys) {
        return store().delete(keys);
    }
}
