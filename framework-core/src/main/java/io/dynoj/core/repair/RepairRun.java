package io.dynoj.core.repair;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.topology.ClusterNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs the pieces of a plan one after the other, on the calling thread: for each piece, the Merkle tree
 * of every replica, the keys of the leaves where they differ, a {@link Reconciler} decision per key, then
 * only the differing keys streamed: exported from a replica holding the winner, imported into the others
 * (or deleted there). Replicas that agree stream nothing. Fails at the first replica that cannot answer.
 */
final class RepairRun {

    private static final Logger log = LoggerFactory.getLogger(RepairRun.class);

    /** About this many keys per Merkle leaf: a differing leaf costs re-reading as many digests. */
    static final int KEYS_PER_LEAF = 16;
    /** At most about this many keys per KEYS request, and this many per export/import. */
    static final int KEYS_PER_BATCH = 20_000;
    static final int ENTRIES_PER_BATCH = 500;

    private final Replica self;
    private final List<RepairPlan.Piece> plan;
    private final Function<ClusterNode, Replica> replicas;
    private final RepairProgress progress;

    RepairRun(Replica self, List<RepairPlan.Piece> plan,
              Function<ClusterNode, Replica> replicas, RepairProgress progress) {
        this.self = self;
        this.plan = plan;
        this.replicas = replicas;
        this.progress = progress;
    }

    void run() {
        for (RepairPlan.Piece piece : plan) {
            List<Replica> reps = new ArrayList<>();
            reps.add(self);
            piece.replicas().stream().skip(1).map(replicas).forEach(reps::add);
            if (reps.size() > 1) {
                repair(piece, reps);
            }
            progress.rangesDone.incrementAndGet();
            progress.widthDone.addAndGet(piece.range().width());
        }
        if (progress.conflicts.get() > 0) {
            log.warn("repair: {} keys had no majority among their replicas; this node's value won (or, where it "
                    + "held none, the value most replicas held)", progress.conflicts.get());
        }
    }

    private void repair(RepairPlan.Piece piece, List<Replica> reps) {
        MerkleTree[] trees = new MerkleTree[reps.size()];
        trees[0] = self.treeSized(piece.range(), KEYS_PER_LEAF);
        long most = trees[0].keys();
        for (int i = 1; i < reps.size(); i++) {
            trees[i] = reps.get(i).tree(piece.range(), trees[0].depth());
            most = Math.max(most, trees[i].keys());
        }
        int depth = MerkleTree.depthFor(most, KEYS_PER_LEAF);
        if (depth > trees[0].depth() && !allEqual(trees)) {
            // This node holds fewer keys than a replica (its data was lost): deeper trees keep the key
            // batches small.
            for (int i = 0; i < reps.size(); i++) {
                trees[i] = reps.get(i).tree(piece.range(), depth);
            }
        }
        progress.keysCompared.addAndGet(most);
        TreeSet<Integer> leaves = new TreeSet<>();
        for (int i = 1; i < trees.length; i++) {
            leaves.addAll(trees[0].differingLeaves(trees[i]));
        }
        if (leaves.isEmpty()) {
            return;
        }
        log.debug("repair {}: {} of {} leaves differ", piece.range(), leaves.size(), 1 << trees[0].depth());
        List<Integer> batch = new ArrayList<>();
        long batchKeys = 0;
        for (int leaf : leaves) {
            batch.add(leaf);
            batchKeys += maxCount(trees, leaf);
            if (batchKeys >= KEYS_PER_BATCH) {
                fix(piece, trees[0].depth(), batch, reps);
                batch = new ArrayList<>();
                batchKeys = 0;
            }
        }
        if (!batch.isEmpty()) {
            fix(piece, trees[0].depth(), batch, reps);
        }
    }

    /** Compares the keys of {@code leaves} on every replica and streams the differing ones. */
    private void fix(RepairPlan.Piece piece, int depth, List<Integer> leaves, List<Replica> reps) {
        TreeMap<KeyDigest, KeyDigest[]> keys = new TreeMap<>(KeyDigest.ORDER);
        for (int i = 0; i < reps.size(); i++) {
            for (KeyDigest k : reps.get(i).keys(piece.range(), depth, leaves)) {
                keys.computeIfAbsent(k, x -> new KeyDigest[reps.size()])[i] = k;
            }
        }
        Map<Integer, List<byte[]>> exports = new HashMap<>();
        Map<Integer, List<byte[]>> deletes = new HashMap<>();
        Map<Integer, List<Entry>> tombstones = new HashMap<>();
        Map<Integer, Map<Integer, List<byte[]>>> imports = new HashMap<>(); // source -> target -> keys
        keys.forEach((k, digests) -> {
            Reconciler.Decision d = Reconciler.decide(digests);
            if (d == null) {
                return;
            }
            if (d.conflict()) {
                progress.conflicts.incrementAndGet();
            }
            progress.keysFixed.addAndGet(d.targets().size());
            if (d.source() < 0 && d.deletedAt() != 0) {
                // The tombstone itself travels: the target keeps it, and a write newer than it there survives.
                d.targets().forEach(t -> tombstones.computeIfAbsent(t, x -> new ArrayList<>())
                        .add(Entry.tombstone(k.key(), d.deletedAt())));
                return;
            }
            if (d.source() < 0) {
                d.targets().forEach(t -> deletes.computeIfAbsent(t, x -> new ArrayList<>()).add(k.key()));
                return;
            }
            exports.computeIfAbsent(d.source(), x -> new ArrayList<>()).add(k.key());
            d.targets().forEach(t -> imports.computeIfAbsent(d.source(), x -> new HashMap<>())
                    .computeIfAbsent(t, x -> new ArrayList<>()).add(k.key()));
        });
        exports.forEach((source, wanted) -> stream(reps, source, wanted, imports.get(source)));
        tombstones.forEach((target, list) -> {
            for (int i = 0; i < list.size(); i += ENTRIES_PER_BATCH) {
                progress.keysDeleted.addAndGet(reps.get(target).importEntries(
                        list.subList(i, Math.min(list.size(), i + ENTRIES_PER_BATCH))));
            }
        });
        deletes.forEach((target, list) -> {
            for (List<byte[]> part : parts(list)) {
                progress.keysDeleted.addAndGet(reps.get(target).delete(part));
            }
        });
    }

    private void stream(List<Replica> reps, int source, List<byte[]> wanted, Map<Integer, List<byte[]>> targets) {
        for (List<byte[]> part : parts(wanted)) {
            Map<String, Entry> byKey = new HashMap<>();
            for (Entry e : reps.get(source).export(part)) {
                byKey.put(new String(e.key(), ISO_8859_1), e);
            }
            targets.forEach((target, keys) -> {
                List<Entry> entries = new ArrayList<>();
                for (byte[] key : keys) {
                    Entry e = byKey.get(new String(key, ISO_8859_1));
                    if (e != null) { // gone from the source since it was compared: the next repair sees it
                        entries.add(e);
                    }
                }
                if (!entries.isEmpty()) {
                    progress.keysStreamed.addAndGet(reps.get(target).importEntries(entries));
                    progress.bytesStreamed.addAndGet(entries.stream().mapToLong(Entry::size).sum());
                }
            });
        }
    }

    private static List<List<byte[]>> parts(List<byte[]> keys) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += ENTRIES_PER_BATCH) {
            out.add(keys.subList(i, Math.min(keys.size(), i + ENTRIES_PER_BATCH)));
        }
        return out;
    }

    private static boolean allEqual(MerkleTree[] trees) {
        for (MerkleTree t : trees) {
            if (t.root() != trees[0].root() || t.keys() != trees[0].keys()) {
                return false;
            }
        }
        return true;
    }

    private static int maxCount(MerkleTree[] trees, int leaf) {
        int max = 0;
        for (MerkleTree t : trees) {
            max = Math.max(max, t.count(leaf));
        }
        return max;
    }
}
