package io.dynoj.core.warmup;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.dynoj.core.repair.MerkleTree;
import io.dynoj.core.repair.RangeOps;
import io.dynoj.core.repair.RangeSource;
import io.dynoj.core.repair.RepairPlan;
import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies this node's ranges from a replica in another rack into its own datastore, on the calling thread
 * (the warm-up thread). Per range: the source's Merkle tree and this node's at the same depth, then, for
 * the leaves that differ only, the source's keys and digests, and the values of the keys that differ here,
 * exported there and imported here in batches of {@link #ENTRIES_PER_BATCH}, unless this node's datastore
 * was written that key since the warm-up started ({@link WrittenKeys}). A source that fails is replaced by
 * the next one, which goes on from the first leaf not done (leaves of equal token width at the same depth
 * are the same on every replica). Values pass from export to import as they are ({@link Entry} opaque).
 */
final class WarmupRun {

    static final int ENTRIES_PER_BATCH = 500;
    /** About this many keys per KEYS request: the checkpoint moves on after each such batch. */
    static final int KEYS_PER_BATCH = 2_000;
    static final int KEYS_PER_LEAF = 16;
    /** The first tree asked of a source, before its key count is known: 1,024 leaves, 12 KB. */
    static final int FIRST_DEPTH = 10;
    private static final Logger log = LoggerFactory.getLogger(WarmupRun.class);

    /** No replica of a range could answer; the message names the last failure. */
    static final class NoSourceException extends RuntimeException {
        NoSourceException(String message) {
            super(message);
        }
    }

    private final RangeOps local;
    private final Function<RepairPlan.Piece, List<RangeSource>> sources;
    private final WrittenKeys written;
    private final Pacer pacer;
    private final WarmupProgress progress;
    private final Consumer<WarmupCheckpoint> checkpoint;
    private int loggedDecile;

    WarmupRun(RangeOps local, Function<RepairPlan.Piece, List<RangeSource>> sources, WrittenKeys written, Pacer pacer,
              WarmupProgress progress, Consumer<WarmupCheckpoint> checkpoint) {
        this.local = local;
        this.sources = sources;
        this.written = written;
        this.pacer = pacer;
        this.progress = progress;
        this.checkpoint = checkpoint;
    }

    /** Copies every range of {@code plan} from {@code from} on (a checkpoint's place, or the start). */
    void copy(List<RepairPlan.Piece> plan, WarmupCheckpoint from) throws InterruptedException {
        for (int i = from.piece(); i < plan.size(); i++) {
            RepairPlan.Piece piece = plan.get(i);
            boolean resumed = i == from.piece() && piece.range().equals(from.range());
            Cursor at = new Cursor(i, piece.range(), resumed ? from.depth() : -1, resumed ? from.nextLeaf() : 0);
            if (piece.replicas().size() > 1) { // a range no other rack holds has nothing to copy
                withSource(piece, source -> copyPiece(source, at, true));
            }
            progress.pieceDone(piece.range().width());
            if (i + 1 < plan.size()) {
                checkpoint.accept(new WarmupCheckpoint(WarmupProgress.State.WARMING, i + 1, plan.get(i + 1).range(),
                        -1, 0, progress.keysCopied.get(), progress.bytesCopied.get()));
            }
        }
    }

    /**
     * One resuming pass: every range compared again with its source, every key that differs fetched again
     * unless written since the pass began. Answers how many keys it changed (copied or deleted).
     */
    long pass(List<RepairPlan.Piece> plan) throws InterruptedException {
        long before = progress.keysCopied.get() + progress.keysDeleted.get();
        written.reset();
        for (int i = 0; i < plan.size(); i++) {
            RepairPlan.Piece piece = plan.get(i);
            Cursor at = new Cursor(i, piece.range(), -1, 0);
            if (piece.replicas().size() > 1) {
                withSource(piece, source -> copyPiece(source, at, false));
            }
        }
        progress.passes.incrementAndGet();
        return progress.keysCopied.get() + progress.keysDeleted.get() - before;
    }

    private interface Step {
        void run(RangeSource source) throws InterruptedException;
    }

    private void withSource(RepairPlan.Piece piece, Step step) throws InterruptedException {
        String last = "no other rack holds range " + piece.range();
        for (RangeSource source : sources.apply(piece)) {
            try {
                step.run(source);
                return;
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("warm-up stopped"); // the node is stopping, not the source
                }
                last = source + ": " + e.getMessage();
                log.warn("warm-up: source {} failed for range {} ({}); trying the next one", source, piece.range(),
                        e.getMessage());
            }
        }
        throw new NoSourceException("no source left for range " + piece.range() + "; last failure: " + last);
    }

    /** Where a range's copy is: which leaves, of a tree of which depth, are done. */
    private static final class Cursor {
        final int piece;
        final TokenRange range;
        int depth;
        int nextLeaf;

        Cursor(int piece, TokenRange range, int depth, int nextLeaf) {
            this.piece = piece;
            this.range = range;
            this.depth = depth;
            this.nextLeaf = nextLeaf;
        }
    }

    private void copyPiece(RangeSource source, Cursor at, boolean save) throws InterruptedException {
        MerkleTree theirs;
        if (at.depth < 0) {
            theirs = source.tree(at.range, FIRST_DEPTH);
            int depth = Math.max(FIRST_DEPTH, MerkleTree.depthFor(theirs.keys(), KEYS_PER_LEAF));
            if (depth != FIRST_DEPTH) {
                theirs = source.tree(at.range, depth);
            }
            at.depth = depth;
        } else {
            theirs = source.tree(at.range, at.depth);
        }
        MerkleTree mine = local.tree(at.range, at.depth);
        long scanned = 0;
        for (int leaf = 0; leaf < at.nextLeaf; leaf++) {
            scanned += theirs.count(leaf);
        }
        progress.pieceStarted(source.toString(), at.range.width(), theirs.keys(), scanned);
        List<Integer> batch = new ArrayList<>();
        long batchKeys = 0;
        for (int leaf : mine.differingLeaves(theirs)) {
            if (leaf < at.nextLeaf) {
                continue;
            }
            batch.add(leaf);
            batchKeys += Math.max(theirs.count(leaf), mine.count(leaf));
            if (batchKeys >= KEYS_PER_BATCH) {
                sync(source, at, batch, theirs, save);
                batch = new ArrayList<>();
                batchKeys = 0;
            }
        }
        if (!batch.isEmpty()) {
            sync(source, at, batch, theirs, save);
        }
        at.nextLeaf = 1 << at.depth;
        progress.scanned(theirs.keys());
    }

    /** Makes the keys of {@code leaves} here what they are on {@code source}, keys written here excepted. */
    private void sync(RangeSource source, Cursor at, List<Integer> leaves, MerkleTree theirs, boolean save)
            throws InterruptedException {
        Map<String, Long> mine = new HashMap<>();
        for (KeyDigest k : local.keys(at.range, at.depth, leaves.stream().mapToInt(Integer::intValue).toArray())) {
            mine.put(new String(k.key(), ISO_8859_1), k.digest());
        }
        List<byte[]> fetch = new ArrayList<>();
        for (KeyDigest k : source.keys(at.range, at.depth, leaves)) {
            Long here = mine.remove(new String(k.key(), ISO_8859_1));
            if (here == null || here != k.digest()) {
                fetch.add(k.key());
            }
        }
        for (int i = 0; i < fetch.size(); i += ENTRIES_PER_BATCH) {
            List<byte[]> part = fetch.subList(i, Math.min(fetch.size(), i + ENTRIES_PER_BATCH));
            pacer.acquire(part.size());
            List<Entry> entries = new ArrayList<>();
            for (Entry e : source.export(part)) {
                if (written.written(e.key())) {
                    progress.keysSkippedWritten.incrementAndGet();
                } else {
                    entries.add(save || e.writeTime() == 0 ? e : laterThanItself(e));
                }
            }
            if (!entries.isEmpty()) {
                progress.keysCopied.addAndGet(local.importEntries(entries));
                progress.bytesCopied.addAndGet(entries.stream().mapToLong(Entry::size).sum());
            }
        }
        deleteGone(mine);
        int last = leaves.get(leaves.size() - 1);
        long scanned = 0;
        for (int leaf = 0; leaf <= last; leaf++) {
            scanned += theirs.count(leaf);
        }
        at.nextLeaf = last + 1;
        progress.scanned(scanned);
        if (save) {
            checkpoint.accept(new WarmupCheckpoint(WarmupProgress.State.WARMING, at.piece, at.range, at.depth,
                    at.nextLeaf, progress.keysCopied.get(), progress.bytesCopied.get()));
        }
        logDecile();
    }

    /**
     * A resuming pass's entry, a tick later than the write that stored it: a key written here during the copy
     * (an HSET on a hash not copied yet) holds part of the value under the same write time as the source's
     * whole one, and a store that keeps write times imports only over an older write. The key was not written
     * here since the pass began ({@link WrittenKeys}), so nothing newer is replaced.
     */
    private static Entry laterThanItself(Entry e) {
        return new Entry(e.key(), e.value(), e.expireAt(), e.writeTime() + 1, e.deleted());
    }

    /**
     * Deletes the keys this node holds and the source does not, those written here excepted (a key created
     * here after the source's tree was read is not in it). Not when the written keys overflowed: then any
     * key might be new, and a resuming pass or a repair sees the rest.
     */
    private void deleteGone(Map<String, Long> mine) {
        if (mine.isEmpty() || written.overflowed()) {
            return;
        }
        List<byte[]> gone = new ArrayList<>();
        for (String key : mine.keySet()) {
            byte[] k = key.getBytes(ISO_8859_1);
            if (!written.written(k)) {
                gone.add(k);
            }
        }
        for (int i = 0; i < gone.size(); i += ENTRIES_PER_BATCH) {
            progress.keysDeleted.addAndGet(local.delete(gone.subList(i, Math.min(gone.size(), i + ENTRIES_PER_BATCH))));
        }
    }

    /** One log line per 10 % of the copy. */
    private void logDecile() {
        int decile = (int) (progress.fraction() * 10);
        if (decile > loggedDecile && decile < 10) {
            loggedDecile = decile;
            log.info("warm-up {}0%: {} keys ({} bytes) copied from {}", decile, progress.keysCopied.get(),
                    progress.bytesCopied.get(), progress.describe().get("source"));
        }
    }
}
