package io.dynoj.core.handoff;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hinted handoff: the writes a replica misses are kept by the node that ordered them (the key's primary),
 * durably and in order, per target node ({@link TargetHints}), and replayed to it in that order once it is
 * reachable again, at most {@code hint_replay_rate} stored writes per second ({@link ReplayPacer}), each
 * deleted only once the target answered it. A write whose fate on the target is unknown (sent, then no
 * answer) is never replayed blindly when applying it twice would change the result: its keys are copied whole
 * instead ({@link Hint.Kind#REPAIR}); the same holds for the stored writes a crash or a failed replay may have
 * delivered once already. A hint never counts toward a consistency level.
 *
 * <p>Thread-safe: {@link #offer}, {@link #holding} and {@link #unknownFate} are called on event loops; replay
 * runs on a thread of its own, {@code dynoj-hints}.
 */
public final class HintedHandoff implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HintedHandoff.class);
    private static final long TICK_MILLIS = 100;
    private static final int MAX_BATCH = 512;

    private final HintSettings settings;
    private final HintDelivery delivery;
    private final HandoffMetrics metrics;
    private final MetricRegistry registry;
    private final Map<String, TargetHints> targets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService replayThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynoj-hints");
        t.setDaemon(true);
        return t;
    });

    public HintedHandoff(HintSettings settings, HintDelivery delivery, MetricRegistry registry) {
        this.settings = settings;
        this.delivery = delivery;
        this.registry = registry;
        this.metrics = new HandoffMetrics(registry);
        registry.gauge("hints.pending_bytes", () -> () -> targets.values().stream()
                .mapToLong(t -> t.hints.pendingBytes()).sum());
        loadExisting();
        replayThread.scheduleWithFixedDelay(this::replayAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        replayThread.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
    }

    private void loadExisting() {
        if (!settings.enabled() || !Files.isDirectory(settings.dir())) {
            return;
        }
        try (var dirs = Files.list(settings.dir())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String nodeId = URLDecoder.decode(dir.getFileName().toString(), StandardCharsets.UTF_8);
                TargetHints t = target(nodeId);
                if (t.holding()) {
                    log.info("hinted handoff: {} bytes of hints for node {} kept from before the restart",
                            t.hints.pendingBytes(), nodeId);
                }
            }
        } catch (IOException e) {
            log.warn("hinted handoff: cannot list {}: {}", settings.dir(), e.toString());
        }
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Whether writes for {@code nodeId} must be stored behind its hints rather than sent. */
    public boolean holding(String nodeId) {
        TargetHints t = targets.get(nodeId);
        return t != null && t.holding();
    }

    /** Stores {@code hint} for {@code nodeId}; false when hinting is off or the target is past its window or cap. */
    public boolean offer(String nodeId, Hint hint) {
        if (!settings.enabled()) {
            return false;
        }
        boolean stored = target(nodeId).offer(hint);
        if (stored) {
            metrics.stored.inc();
        }
        return stored;
    }

    /** A write to {@code nodeId} was sent and not answered: its keys are copied whole once it is back. */
    public void unknownFate(String nodeId, List<byte[]> keys, long nowMillis) {
        for (byte[] key : keys) {
            offer(nodeId, Hint.repair(nowMillis, key));
        }
    }

    private TargetHints target(String nodeId) {
        return targets.computeIfAbsent(nodeId, id -> {
            TargetHints t = new TargetHints(id, settings.dir().resolve(URLEncoder.encode(id, StandardCharsets.UTF_8)),
                    settings, metrics);
            registry.gauge("hints.pending_bytes." + id, () -> (Gauge<Long>) t.hints::pendingBytes);
            return t;
        });
    }

    private void replayAll() {
        try {
            for (TargetHints t : targets.values()) {
                if (!delivery.known(t.nodeId)) {
                    forget(t);
                } else if (!t.replaying) {
                    boolean reachable = delivery.reachable(t.nodeId);
                    if (reachable && t.holding()) {
                        replayBatch(t);
                    } else {
                        t.caughtUp(reachable);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("hinted handoff: replay failed", e);
        }
    }

    private void forget(TargetHints t) {
        targets.remove(t.nodeId);
        registry.remove("hints.pending_bytes." + t.nodeId);
        log.info("hinted handoff: node {} left the cluster; its {} bytes of hints are dropped", t.nodeId,
                t.hints.pendingBytes());
        t.delete();
    }

    /**
     * Sends the next hints to {@code t}'s node, as many stored writes as its pace allows and the key copies among
     * them; acknowledges them up to the first that failed (they go in order on one connection, so the ones before
     * it ran), and backs off before trying the rest again. The next batch leaves as soon as this one is answered.
     */
    private void replayBatch(TargetHints t) {
        long now = System.nanoTime();
        if (now - t.retryAt < 0) {
            return;
        }
        List<HintLog.Entry> read = t.hints.read(t.cursor, MAX_BATCH);
        if (read.isEmpty()) {
            t.caughtUp(true);
            return;
        }
        List<HintLog.Entry> batch = sameKind(t, paced(read, t.pacer.available(now)));
        if (batch.isEmpty()) {
            return;
        }
        t.pacer.take((int) batch.stream().filter(e -> e.hint().kind() == Hint.Kind.WRITE).count());
        long end = batch.get(batch.size() - 1).next();
        t.replaying = true;
        t.replayingUntil(Math.max(end, t.uncertainUntil));
        AtomicInteger left = new AtomicInteger(batch.size());
        boolean[] ok = new boolean[batch.size()];
        long position = t.cursor;
        for (int i = 0; i < batch.size(); i++) {
            Hint hint = batch.get(i).hint();
            boolean uncertain = position - t.uncertainUntil < 0;
            position = batch.get(i).next();
            int index = i;
            java.util.function.Consumer<Boolean> done = success -> {
                ok[index] = success;
                if (left.decrementAndGet() == 0) {
                    replayThread.execute(() -> batchDone(t, batch, ok));
                }
            };
            if (copies(hint, uncertain)) {
                metrics.repairs.inc();
                delivery.repair(t.nodeId, hint, done);
            } else {
                delivery.replay(t.nodeId, hint, done);
            }
        }
    }

    private void batchDone(TargetHints t, List<HintLog.Entry> batch, boolean[] ok) {
        t.replaying = false;
        int firstFailed = 0;
        while (firstFailed < ok.length && ok[firstFailed]) {
            firstFailed++;
        }
        if (firstFailed > 0) {
            long through = batch.get(firstFailed - 1).next();
            t.hints.ack(through);
            t.cursor = through;
            metrics.replayed.inc(firstFailed);
        }
        if (firstFailed < ok.length) {
            // What was sent from the first failure on may have run once: the non-idempotent ones' keys get copied.
            metrics.replayFailed.inc();
            long end = batch.get(batch.size() - 1).next();
            t.uncertainUntil = end - t.uncertainUntil > 0 ? end : t.uncertainUntil;
            t.backOff();
            return;
        }
        t.succeeded();
        t.caughtUp(true);
        if (t.holding() && delivery.reachable(t.nodeId)) {
            replayBatch(t);
        }
    }

    /** Whether {@code hint} is delivered as a copy of its keys rather than replayed. */
    private static boolean copies(Hint hint, boolean uncertain) {
        return hint.kind() == Hint.Kind.REPAIR || uncertain && !hint.idempotent();
    }

    /**
     * The first entries of {@code batch} that are all replayed or all copied. A copy leaves on its key's lane
     * after a read of the local store, a replay on the replay connection at once: in one batch, the writes
     * stored after a copy would overtake it. A batch is answered whole before the next leaves, so cutting
     * where the kind changes keeps the stored order.
     */
    private static List<HintLog.Entry> sameKind(TargetHints t, List<HintLog.Entry> batch) {
        long position = t.cursor;
        Boolean first = null;
        for (int i = 0; i < batch.size(); i++) {
            boolean copy = copies(batch.get(i).hint(), position - t.uncertainUntil < 0);
            if (first == null) {
                first = copy;
            } else if (copy != first) {
                return batch.subList(0, i);
            }
            position = batch.get(i).next();
        }
        return batch;
    }

    /** The first entries of {@code read} holding at most {@code writes} stored writes (key copies are not paced). */
    private static List<HintLog.Entry> paced(List<HintLog.Entry> read, int writes) {
        int n = 0;
        for (HintLog.Entry e : read) {
            if (e.hint().kind() == Hint.Kind.WRITE && writes-- <= 0) {
                break;
            }
            n++;
        }
        return read.subList(0, n);
    }

    /** Per target: bytes pending, whether writes are held behind hints, whether it needs a full repair. */
    public Map<String, Map<String, Object>> describe() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (TargetHints t : targets.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pending_bytes", t.hints.pendingBytes());
            m.put("holding", t.holding());
            m.put("needs_full_repair", t.needsRepair());
            out.put(t.nodeId, m);
        }
        return out;
    }

    /** A target whose writes can be neither replayed nor copied: it needs a full repair. */
    public void needsFullRepair(String nodeId) {
        target(nodeId).markNeedsRepair();
    }

    /** A full repair of {@code nodeId} ran: its mark goes. */
    public void repaired(String nodeId) {
        TargetHints t = targets.get(nodeId);
        if (t != null) {
            t.repaired();
        }
    }

    /** Forces stored hints to the disk, once a second: a machine crash loses at most that. */
    private void sync() {
        try {
            targets.values().forEach(t -> t.hints.sync());
        } catch (RuntimeException e) {
            log.warn("hinted handoff: sync failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        replayThread.shutdownNow();
        targets.values().forEach(TargetHints::close);
    }
}
