package io.dynoj.core.warmup;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.repair.RangeOps;
import io.dynoj.core.repair.RepairPlan;
import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.topology.Topology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm-up of a node whose datastore lost its data (a replacement, a rack added, a disk lost): the node takes
 * writes at once (WRITES_ONLY: its clients' reads of its own keys go to a warm replica of another rack),
 * copies its ranges from the other racks ({@link WarmupRun}), closes the gap with the writes that arrived
 * meanwhile (RESUMING: its ranges compared once more), then serves reads (NORMAL). Started by the node at
 * start ({@link #atStart}: a warm-up left under way, or {@code warmup: auto} and an empty datastore whose
 * ranges other racks hold) or on demand ({@link #start}, {@code POST /warmup}). The place reached is kept in
 * {@code <data_dir>/warmup.state}; a node restarted mid-way resumes. With no source left for a range the
 * node stays WRITES_ONLY, says why (log, {@code /warmup}, {@code /info}) and tries again every
 * {@link #RETRY_SECONDS} s. Runs on its own thread ({@code dynoj-warmup}); thread-safe.
 */
public final class WarmupService implements AutoCloseable {

    /** {@code warmup}, {@code warmup_rate} and where the checkpoint is kept. */
    public record Settings(boolean auto, long keysPerSecond, Path dataDir) {
    }

    static final long RETRY_SECONDS = 15;
    static final int MAX_PASSES = 3;
    static final int WRITTEN_KEYS_LIMIT = 2_000_000;
    private static final Logger log = LoggerFactory.getLogger(WarmupService.class);

    private final Settings settings;
    private final Supplier<Topology> topology;
    private final RangeOps ops;
    private final Supplier<RangeStore> store;
    private final PeerLinks peers;
    private final Consumer<ServingState> serving;
    private final Consumer<Consumer<Request>> watchWrites;
    private final WrittenKeys written = new WrittenKeys(WRITTEN_KEYS_LIMIT);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynoj-warmup");
        t.setDaemon(true);
        return t;
    });
    private volatile WarmupProgress current = WarmupProgress.idle();
    private ScheduledFuture<?> retry;
    /** The last stall reason logged: a stall is logged once, not at every retry. */
    private String stallLogged;

    /**
     * @param serving puts the node in a serving state
     * @param watchWrites sets (or clears, with null) what the state gate tells of every write it lets through
     */
    public WarmupService(Settings settings, Supplier<Topology> topology, RangeOps ops, Supplier<RangeStore> store,
                         PeerLinks peers, Consumer<ServingState> serving, Consumer<Consumer<Request>> watchWrites,
                         MetricRegistry metrics) {
        this.settings = settings;
        this.topology = topology;
        this.ops = ops;
        this.store = store;
        this.peers = peers;
        this.serving = serving;
        this.watchWrites = watchWrites;
        gauge(metrics, "warmup.running", p -> p.state() == WarmupProgress.State.WARMING
                || p.state() == WarmupProgress.State.RESUMING || p.state() == WarmupProgress.State.STALLED ? 1 : 0);
        gauge(metrics, "warmup.stalled", p -> p.state() == WarmupProgress.State.STALLED ? 1 : 0);
        gauge(metrics, "warmup.keys_copied", WarmupProgress::keysCopied);
        gauge(metrics, "warmup.bytes_copied", WarmupProgress::bytesCopied);
        gauge(metrics, "warmup.keys_skipped_written", WarmupProgress::keysSkippedWritten);
        gauge(metrics, "warmup.keys_per_second", p -> figure(p, "keys_per_second"));
        gauge(metrics, "warmup.bytes_per_second", p -> figure(p, "bytes_per_second"));
        gauge(metrics, "warmup.percent", p -> Math.round(p.fraction() * 100));
        gauge(metrics, "warmup.eta_seconds", p -> figure(p, "eta_seconds"));
    }

    private static long figure(WarmupProgress p, String name) {
        Object v = p.describe().get(name);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private void gauge(MetricRegistry metrics, String name, ToLongFunction<WarmupProgress> figure) {
        metrics.register(name, (Gauge<Long>) () -> figure.applyAsLong(current));
    }

    /**
     * At the node's start, before it serves clients: resumes a warm-up left under way, or, with
     * {@code warmup: auto}, starts one when the datastore is empty and a replica in another rack holds keys of
     * its ranges. The node is WRITES_ONLY when this returns if a warm-up runs.
     */
    public synchronized void atStart() {
        WarmupCheckpoint left = WarmupCheckpoint.load(settings.dataDir());
        if (left != null) {
            log.info("warm-up: resuming the one under way at restart ({} of range {}, leaf {}); reads go to other racks",
                    left.phase(), left.range(), left.nextLeaf());
            begin(left);
            return;
        }
        if (!settings.auto()) {
            return;
        }
        List<RepairPlan.Piece> plan = RepairPlan.of(topology.get(), null);
        if (plan.stream().allMatch(p -> p.replicas().size() < 2)) {
            return; // no other rack holds this node's keys: nothing to warm up from
        }
        RangeStore rs = store.get();
        if (rs == null) {
            log.warn("warm-up: this node's datastore cannot stream token ranges: it serves at once, filled "
                    + "by the writes it receives; reads of keys written before it started miss (docs/WARMUP.md)");
            return;
        }
        try {
            if (!isEmpty(rs)) {
                return;
            }
        } catch (java.io.UncheckedIOException | IllegalStateException unreadable) {
            // A server down at start: the node starts anyway (as its datastore does) rather than fail.
            log.warn("warm-up: cannot tell whether this node's datastore is empty ({}); not warming up at start "
                    + "(POST /warmup once it is back, docs/WARMUP.md)", unreadable.getMessage());
            return;
        }
        String answer = WarmupProbe.othersHoldKeys(plan, peers);
        if (answer == null) {
            log.info("warm-up: the datastore is empty and another rack holds keys of this node's ranges; warming up");
            begin(new WarmupCheckpoint(WarmupProgress.State.WARMING, 0, plan.get(0).range(), -1, 0, 0, 0));
        } else if (answer.startsWith(WarmupProbe.NO_REPLICA)) {
            // A new cluster's first node, or a replacement whose peers were not reachable in time: only the
            // operator knows which (docs/WARMUP.md).
            log.warn("warm-up: this node's datastore is empty and {}", answer);
        } else {
            log.info("warm-up: not needed ({})", answer);
        }
    }

    /**
     * Starts a warm-up now ({@code POST /warmup}); one that stalled for want of a source is tried again at once.
     * Throws {@link IllegalStateException} while one is copying, or when the datastore cannot stream.
     */
    public synchronized WarmupProgress start() {
        WarmupProgress.State now = current.state();
        if (now == WarmupProgress.State.WARMING || now == WarmupProgress.State.RESUMING) {
            throw new IllegalStateException("a warm-up is running already");
        }
        if (store.get() == null) {
            throw new IllegalStateException("this node's datastore cannot stream token ranges");
        }
        if (now == WarmupProgress.State.STALLED && retry != null) {
            retry.cancel(false);
        }
        WarmupCheckpoint left = WarmupCheckpoint.load(settings.dataDir());
        List<RepairPlan.Piece> plan = RepairPlan.of(topology.get(), null);
        if (plan.isEmpty()) {
            throw new IllegalStateException("this node owns no token range yet");
        }
        begin(left != null ? left
                : new WarmupCheckpoint(WarmupProgress.State.WARMING, 0, plan.get(0).range(), -1, 0, 0, 0));
        return current;
    }

    private void begin(WarmupCheckpoint from) {
        from.save(settings.dataDir());
        serving.accept(ServingState.WRITES_ONLY);
        written.reset();
        watchWrites.accept(written);
        WarmupProgress progress = new WarmupProgress(WarmupProgress.State.WARMING, Instant.now());
        progress.keysCopied.set(from.keysCopied());
        progress.bytesCopied.set(from.bytesCopied());
        current = progress;
        thread.execute(() -> run(progress, from));
    }

    private void run(WarmupProgress progress, WarmupCheckpoint from) {
        List<RepairPlan.Piece> plan = RepairPlan.of(topology.get(), null);
        progress.planned(plan.size(), plan.stream().mapToLong(p -> p.range().width()).sum());
        WarmupRun run = new WarmupRun(ops, new WarmupSources(peers), written, new Pacer(settings.keysPerSecond()),
                progress, c -> c.save(settings.dataDir()));
        try {
            if (from.phase() == WarmupProgress.State.WARMING) {
                progress.state(WarmupProgress.State.WARMING, progress.error());
                run.copy(plan, from);
            }
            new WarmupCheckpoint(WarmupProgress.State.RESUMING, 0, plan.get(0).range(), -1, 0,
                    progress.keysCopied(), progress.bytesCopied()).save(settings.dataDir());
            serving.accept(ServingState.RESUMING);
            progress.state(WarmupProgress.State.RESUMING, null);
            long changed = -1;
            for (int pass = 1; pass <= MAX_PASSES && changed != 0; pass++) {
                changed = run.pass(plan);
                log.info("warm-up: resuming pass {} changed {} keys", pass, changed);
            }
            done(progress, changed);
        } catch (WarmupRun.NoSourceException | IllegalStateException | java.io.UncheckedIOException e) {
            stalled(progress, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void done(WarmupProgress progress, long stillChanging) {
        WarmupCheckpoint.delete(settings.dataDir());
        watchWrites.accept(null);
        serving.accept(ServingState.NORMAL);
        progress.state(WarmupProgress.State.DONE, null);
        Map<String, Object> d = progress.describe();
        log.info("warm-up DONE in {} s: {} keys ({} bytes) copied from {} ({} keys/s, {} bytes/s), {} deleted, {} left "
                        + "to the writes made meanwhile, {} resuming passes{}; the node is NORMAL",
                d.get("elapsed_seconds"), d.get("keys_copied"), d.get("bytes_copied"), d.get("source"),
                d.get("keys_per_second"), d.get("bytes_per_second"), d.get("keys_deleted"),
                d.get("keys_skipped_written"), d.get("resuming_passes"),
                stillChanging > 0 ? " (the last one still changed " + stillChanging + " keys under writes)" : "");
    }

    private synchronized void stalled(WarmupProgress progress, String why) {
        if (thread.isShutdown()) {
            return; // the node is stopping: its peers' failures say nothing
        }
        if (!why.equals(stallLogged)) {
            stallLogged = why;
            log.warn("warm-up stalled, the node stays WRITES_ONLY: {}; trying again every {} s", why, RETRY_SECONDS);
        }
        progress.state(WarmupProgress.State.STALLED, why);
        retry = thread.schedule(() -> {
            WarmupCheckpoint left = WarmupCheckpoint.load(settings.dataDir());
            if (left != null && current == progress) {
                run(progress, left);
            }
        }, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the store holds no key at all (stops at the first one). */
    static boolean isEmpty(RangeStore rs) {
        try {
            rs.export(TokenRange.all(), key -> 0, e -> {
                throw new FoundOne();
            });
            return true;
        } catch (FoundOne found) {
            return false;
        }
    }

    private static final class FoundOne extends RuntimeException {
        FoundOne() {
            super(null, null, false, false);
        }
    }

    /** The current warm-up, or the last one, or an idle one before any. */
    public WarmupProgress progress() {
        return current;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
