package io.dynoj.core.storage;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired entries in the background, on one thread of its own, through
 * {@link CommandEngine#removeExpired}. Ten times a second while it finds expired entries; when a
 * sweep finds none it waits twice as long next time, up to {@link #MAX_DELAY_MS}, so that an idle
 * node does not keep reading its whole store (a database table, on MySQL). Reads never see
 * expired entries whatever the pace: this only gives their space back. Idempotent close.
 */
final class ExpirySweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);
    static final long MIN_DELAY_MS = 100;
    static final long MAX_DELAY_MS = 10_000;
    private static final int BUDGET = 1000;

    private final String type;
    private final CommandEngine engine;
    private final ScheduledExecutorService thread;
    private final long maxDelayMs;
    /** Only the sweeper's thread touches these. */
    private long delayMs = MIN_DELAY_MS;
    private boolean failing;

    ExpirySweeper(String type, CommandEngine engine) {
        this(type, engine, MAX_DELAY_MS);
    }

    /** With a shorter longest wait, for tests. */
    ExpirySweeper(String type, CommandEngine engine, long maxDelayMs) {
        this.maxDelayMs = maxDelayMs;
        this.type = type;
        this.engine = engine;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, type + "-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        schedule();
    }

    /** The wait before the next sweep, after one that removed {@code removed} entries. */
    static long nextDelay(long currentMs, int removed, long maxMs) {
        return removed > 0 ? MIN_DELAY_MS : Math.min(maxMs, currentMs * 2);
    }

    private void schedule() {
        try {
            thread.schedule(this::sweep, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void sweep() {
        try {
            delayMs = nextDelay(delayMs, engine.removeExpired(BUDGET), maxDelayMs);
            if (failing) {
                failing = false;
                log.info("datastore '{}': removing expired entries works again", type);
            }
        } catch (RuntimeException e) {
            delayMs = maxDelayMs;
            // Say it once per outage, not at every retry.
            if (!failing) {
                failing = true;
                log.warn("datastore '{}': removing expired entries failed: {}; retrying quietly", type, e.toString());
            }
        }
        schedule();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
