package io.dynoj.core.warmup;

import java.util.concurrent.TimeUnit;

/**
 * Holds the warm-up thread back to {@code warmup_rate} keys per second, so a warm-up takes a bounded share of
 * its source's datastore and clients there keep their latency. Used by one thread; 0 means no limit.
 */
final class Pacer {

    private final long nanosPerKey;
    private long next = System.nanoTime();

    Pacer(long keysPerSecond) {
        this.nanosPerKey = keysPerSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / keysPerSecond;
    }

    /** Waits until {@code keys} more keys may be asked for. */
    void acquire(int keys) throws InterruptedException {
        if (nanosPerKey == 0) {
            return;
        }
        long now = System.nanoTime();
        // No credit for idle time beyond a second's worth: a pause must not be followed by a burst.
        next = Math.max(next, now - TimeUnit.SECONDS.toNanos(1)) + keys * nanosPerKey;
        long wait = next - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // the warm-up thread's own pacing
        }
    }
}
