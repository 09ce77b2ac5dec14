package io.dynoj.leveldb;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sync: interval}: fsyncs the log every interval on a background thread, when something was
 * written since the last time. Writers only set a flag. Thread-safe.
 */
final class IntervalSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntervalSync.class);

    private final Runnable sync;
    private final ScheduledExecutorService timer;
    private volatile boolean dirty;

    IntervalSync(Runnable sync, long intervalMillis) {
        this.sync = sync;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leveldb-sync");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Something was written. */
    void dirty() {
        if (!dirty) { // reading first keeps writers from bouncing the cache line on every write
            dirty = true;
        }
    }

    private void tick() {
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            sync.run();
        } catch (RuntimeException e) {
            dirty = true;
            log.error("LevelDB: the periodic fsync failed: {}", e.toString());
        }
    }

    /** Stops the timer and waits for a sync in progress. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
