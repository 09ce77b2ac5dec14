package io.dynoj.core.repair;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.topology.Topology;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anti-entropy repair of this node's token ranges against their replicas in every other rack and
 * datacenter ({@code bin/dynoj repair}, {@code POST /repair}): one run at a time, on a thread of its own
 * ({@code dynoj-repair}), over the topology as it was when the run started. Its figures are in
 * {@link #progress()} and the registry's {@code repair.*} gauges (the current or last run).
 * Thread-safe.
 */
public final class RepairService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RepairService.class);

    private final Supplier<Topology> topology;
    private final RangeOps ops;
    private final PeerLinks peers;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dynoj-repair");
        t.setDaemon(true);
        return t;
    });
    private volatile RepairProgress current = RepairProgress.idle();

    public RepairService(Supplier<Topology> topology, RangeOps ops, PeerLinks peers, MetricRegistry metrics) {
        this.topology = topology;
        this.ops = ops;
        this.peers = peers;
        gauge(metrics, "repair.running", p -> p.state() == RepairProgress.State.RUNNING ? 1 : 0);
        gauge(metrics, "repair.ranges_done", p -> p.rangesDone.get());
        gauge(metrics, "repair.keys_compared", p -> p.keysCompared.get());
        gauge(metrics, "repair.keys_fixed", p -> p.keysFixed.get());
        gauge(metrics, "repair.keys_streamed", p -> p.keysStreamed.get());
        gauge(metrics, "repair.keys_deleted", p -> p.keysDeleted.get());
        gauge(metrics, "repair.bytes_streamed", p -> p.bytesStreamed.get());
        gauge(metrics, "repair.conflicts", p -> p.conflicts.get());
    }

    private void gauge(MetricRegistry metrics, String name, ToLongFunction<RepairProgress> figure) {
        metrics.register(name, (Gauge<Long>) () -> figure.applyAsLong(current));
    }

    /**
     * Starts a repair of this node's ranges within {@code only} (null: all of them); answers its progress.
     * Throws {@link IllegalStateException} while a run is going on.
     */
    public synchronized RepairProgress start(TokenRange only) {
        if (current.state() == RepairProgress.State.RUNNING) {
            throw new IllegalStateException("a repair is running already");
        }
        Topology snapshot = topology.get();
        List<RepairPlan.Piece> plan = RepairPlan.of(snapshot, only);
        RepairProgress progress = new RepairProgress(only, Instant.now(), RepairProgress.State.RUNNING);
        progress.planned(plan.size(), plan.stream().mapToLong(p -> p.range().width()).sum());
        current = progress;
        Replica self = Replica.local(snapshot.local(), ops);
        log.info("repair of {} ranges of {} ({}) started", plan.size(), snapshot.local().name(),
                only == null ? "all its ranges" : "within " + only);
        thread.execute(() -> {
            try {
                new RepairRun(self, plan, node -> Replica.peer(node, peers), progress).run();
                progress.ended(RepairProgress.State.DONE, null);
                log.info("repair done: {}", progress.describe());
            } catch (RuntimeException e) {
                progress.ended(RepairProgress.State.FAILED, e.getMessage());
                log.warn("repair failed: {}", progress.describe(), e);
            }
        });
        return progress;
    }

    /** The current run, or the last one, or an idle one before any. */
    public RepairProgress progress() {
        return current;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
