package io.dynoj.core.repair;

import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle tree of one token range's keys: the range split into {@code 2^depth} leaves of equal token width,
 * each leaf the hash of its live keys' (key, digest) pairs in {@link KeyDigest#ORDER} (tombstones left out), each inner node the hash of
 * its two children. Two replicas whose roots match hold the same keys and values in the range; where they
 * differ, {@link #differingLeaves} descends only into the subtrees whose hashes differ. A peer sends only its
 * leaves ({@link #leafHashes()}, {@link #leafCounts()}): the inner nodes are rebuilt here, so a comparison
 * costs one round trip. Immutable; built on one thread and read from any.
 */
public final class MerkleTree {

    /** The most leaves a tree has (2^16: 1 MB of leaf hashes and counts on the wire at most). */
    public static final int MAX_DEPTH = 16;

    private final int depth;
    /** Heap layout: node i has children 2i and 2i+1; leaves are [2^depth, 2^(depth+1)). */
    private final long[] nodes;
    private final int[] counts;

    private MerkleTree(int depth, long[] leafHashes, int[] counts) {
        if (depth < 0 || depth > MAX_DEPTH || leafHashes.length != 1 << depth || counts.length != leafHashes.length) {
            throw new IllegalArgumentException("a tree of depth " + depth + " needs " + (1 << depth) + " leaves");
        }
        this.depth = depth;
        this.counts = counts;
        int leaves = 1 << depth;
        nodes = new long[2 * leaves];
        System.arraycopy(leafHashes, 0, nodes, leaves, leaves);
        for (int i = leaves - 1; i >= 1; i--) {
            nodes[i] = combine(nodes[2 * i], nodes[2 * i + 1]);
        }
    }

    /** The tree of {@code keys} (sorted by {@link KeyDigest#ORDER}, all in {@code range}). */
    public static MerkleTree of(TokenRange range, int depth, List<KeyDigest> keys) {
        int leaves = 1 << depth;
        long[] hashes = new long[leaves];
        int[] counts = new int[leaves];
        for (KeyDigest k : keys) {
            if (k.deleted()) {
                // A tombstone is absence: a replica that never had the key agrees with it. A replica still holding
                // the key differs by that key, and the comparison of its leaf sees the tombstone.
                continue;
            }
            if (!range.contains(k.token())) {
                throw new IllegalArgumentException("token " + k.token() + " is outside the range " + range);
            }
            int leaf = leaf(range, depth, k.token());
            hashes[leaf] = combine(hashes[leaf], item(k));
            counts[leaf]++;
        }
        return new MerkleTree(depth, hashes, counts);
    }

    /** A tree from a peer's leaves. */
    public static MerkleTree ofLeaves(int depth, long[] leafHashes, int[] counts) {
        return new MerkleTree(depth, leafHashes, counts);
    }

    /** The leaf of {@code token} in a tree of {@code depth} over {@code range}. */
    public static int leaf(TokenRange range, int depth, long token) {
        return (int) ((range.offset(token) << depth) / range.width());
    }

    /**
     * The depth that gives about {@code keysPerLeaf} keys per leaf for {@code keys} keys, at least 0 and at
     * most {@link #MAX_DEPTH}: few keys to re-read where a leaf differs, few leaves to send.
     */
    public static int depthFor(long keys, int keysPerLeaf) {
        int d = 0;
        while (d < MAX_DEPTH && (keys >> d) > keysPerLeaf) {
            d++;
        }
        return d;
    }

    public int depth() {
        return depth;
    }

    public long root() {
        return nodes[1];
    }

    /** How many keys the tree holds. */
    public long keys() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    public long[] leafHashes() {
        long[] out = new long[1 << depth];
        System.arraycopy(nodes, 1 << depth, out, 0, out.length);
        return out;
    }

    /** How many keys leaf {@code leaf} holds. */
    public int count(int leaf) {
        return counts[leaf];
    }

    public int[] leafCounts() {
        return counts.clone();
    }

    /** The leaves (indexes from 0) where this tree and {@code other} differ, ascending. */
    public List<Integer> differingLeaves(MerkleTree other) {
        if (other.depth != depth) {
            throw new IllegalArgumentException("trees of depth " + depth + " and " + other.depth);
        }
        List<Integer> out = new ArrayList<>();
        descend(other, 1, out);
        return out;
    }

    private void descend(MerkleTree other, int node, List<Integer> out) {
        if (nodes[node] == other.nodes[node] && subtreeCount(node) == other.subtreeCount(node)) {
            return;
        }
        if (node >= 1 << depth) {
            out.add(node - (1 << depth));
            return;
        }
        descend(other, 2 * node, out);
        descend(other, 2 * node + 1, out);
    }

    /** Keys under a leaf node; inner nodes compare by hash alone (a count mismatch shows in the hash). */
    private int subtreeCount(int node) {
        return node >= 1 << depth ? counts[node - (1 << depth)] : 0;
    }

    /** One key's contribution: its bytes and its value's digest. */
    static long item(KeyDigest k) {
        long h = 0xcbf29ce484222325L;
        for (byte b : k.key()) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h ^ Long.rotateLeft(k.digest(), 29) ^ k.key().length);
    }

    /** Order-dependent, so a leaf hashes its keys in the order both sides agree on. */
    static long combine(long a, long b) {
        return mix(a * 0x9E3779B97F4A7C15L + b);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
