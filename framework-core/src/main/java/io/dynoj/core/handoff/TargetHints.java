package io.dynoj.core.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target node's hints and where their replay stands. While the target has hints ({@link #holding}),
 * every new write for it is stored behind them rather than sent, so the target receives a key's writes in
 * the order its primary executed them; it is sent writes directly again once the replay caught up. Past
 * the hint window or the size cap the hints are dropped, the target is marked as needing a full repair
 * ({@code NEEDS_REPAIR} file, kept across restarts) and nothing more is stored for it until it is back.
 *
 * <p>When it starts holding hints, or stops keeping them (past its window or cap), it runs {@code wake}: the
 * replay thread, asleep while no target needs it, looks at it.
 *
 * <p>Thread-safe: {@link #offer} runs on any event loop, the rest on the replay thread.
 */
final class TargetHints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetHints.class);

    final String nodeId;
    final HintLog hints;
    private final Path dir;
    private final HintSettings settings;
    private final HandoffMetrics metrics;
    /** Volatile: read on every replicated write, written under the lock. */
    private volatile boolean holding;
    /** Volatile: the replay thread reads it to know whether to look again. */
    private volatile boolean suspended;
    /** Wakes the replay thread; must not block (it runs under this object's lock). */
    private final Runnable wake;
    private long holdingSince;
    private volatile boolean needsRepair;
    /** The replay's next position; everything before {@code uncertainUntil} may have reached the target once. */
    long cursor;
    long uncertainUntil;
    boolean replaying;
    long dropped;
    /** After a failed replay: no new attempt before this {@code System.nanoTime()}, the wait doubling up to 10 s. */
    long retryAt = System.nanoTime();
    final ReplayPacer pacer;
    private long backoffMillis;

    TargetHints(String nodeId, Path dir, HintSettings settings, HandoffMetrics metrics, Runnable wake) {
        this.nodeId = nodeId;
        this.wake = wake;
        this.dir = dir;
        this.settings = settings;
        this.metrics = metrics;
        this.hints = HintLog.open(dir);
        this.holding = !hints.isEmpty();
        this.holdingSince = System.currentTimeMillis();
        this.needsRepair = Files.exists(dir.resolve("NEEDS_REPAIR"));
        this.cursor = hints.acked();
        this.uncertainUntil = readReplaying();
        this.pacer = new ReplayPacer(settings.replayPerSecond(), System.nanoTime());
    }

    /** Stores {@code hint} unless the target is past its window or cap; true when stored. */
    synchronized boolean offer(Hint hint) {
        if (suspended) {
            return false;
        }
        long now = hint.createdMillis();
        long pending = hints.pendingBytes();
        if (holding && now - holdingSince > settings.windowMillis() || pending + hint.size() > settings.maxBytesPerTarget()) {
            overflow(now - holdingSince > settings.windowMillis() ? "the hint window of " + settings.windowMillis()
                    + " ms passed" : pending + " bytes of hints reached the cap");
            return false;
        }
        hints.append(hint);
        if (!holding) {
            holding = true;
            holdingSince = now;
            wake.run(); // after the flag is set: the look it queues sees it
        }
        return true;
    }

    boolean holding() {
        return holding;
    }

    /** Past its window or cap, and not back since: nothing is kept for it. */
    boolean suspended() {
        return suspended;
    }

    void backOff() {
        backoffMillis = Math.min(10_000, Math.max(200, backoffMillis * 2));
        retryAt = System.nanoTime() + backoffMillis * 1_000_000;
    }

    void succeeded() {
        backoffMillis = 0;
    }

    /** After a replay step: stops holding when everything was acknowledged; resumes hinting once the target is back. */
    synchronized void caughtUp(boolean reachable) {
        if (holding && hints.isEmpty()) {
            holding = false;
            log.info("hinted handoff: node {} has every write it missed; writes go to it directly again", nodeId);
        }
        if (suspended && reachable) {
            suspended = false;
        }
    }

    private void overflow(String why) {
        long lost = hints.pendingBytes();
        hints.clear();
        cursor = hints.acked();
        uncertainUntil = cursor;
        holding = false;
        suspended = true;
        metrics.dropped.inc();
        dropped++;
        markNeedsRepair();
        wake.run(); // it is looked at until it is back, which ends the suspension
        log.warn("hinted handoff: {} for node {}: {} bytes of hints dropped; writes to it are not kept until it is "
                + "back, and it needs a full repair (bin/dynoj repair)", why, nodeId, lost);
    }

    void markNeedsRepair() {
        needsRepair = true;
        try {
            Files.writeString(dir.resolve("NEEDS_REPAIR"), "hints dropped at " + System.currentTimeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean needsRepair() {
        return needsRepair;
    }

    /** A full repair of the target ran: the mark goes. */
    void repaired() {
        needsRepair = false;
        try {
            Files.deleteIfExists(dir.resolve("NEEDS_REPAIR"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records, before a batch is sent, how far it goes: a crash meanwhile leaves those hints' fate unknown. */
    void replayingUntil(long position) {
        try {
            Files.writeString(dir.resolve("replaying"), Long.toString(position));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long readReplaying() {
        try {
            Path p = dir.resolve("replaying");
            return Files.exists(p) ? Long.parseLong(Files.readString(p).trim()) : cursor;
        } catch (IOException | NumberFormatException e) {
            return cursor;
        }
    }

    /** Deletes everything (the target left the cluster). */
    void delete() {
        hints.clear();
        hints.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("hinted handoff: could not delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public void close() {
        hints.close();
    }
}
