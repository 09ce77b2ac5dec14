package io.dynoj.core.net;

import java.util.concurrent.TimeUnit;

/**
 * Tells when a pipelined server with requests waiting has stopped answering. Progress-based: a
 * server that keeps answering a long pipeline is slow, not dead. The clock starts at the first tick
 * that sees requests waiting, not when they were queued: ticks run on the connection's loop after
 * the flush that sends them, so a loop that was itself busy for a while (a burst of requests, a GC
 * pause) is not mistaken for a server that does not answer.
 *
 * <p>Not thread-safe: one connection's event loop uses it.
 */
public final class ProgressWatchdog {

    private final long timeoutNanos;
    private long lastProgressNanos;
    private long waitingSeenNanos;
    private boolean waitingSeen;

    public ProgressWatchdog(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    public long timeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    /** How often to call {@link #expired}: a quarter of the timeout, between 10 and 250 ms. */
    public long tickMillis() {
        return Math.max(10, Math.min(250, timeoutMillis() / 4));
    }

    /** The server answered something. */
    public void progress() {
        lastProgressNanos = System.nanoTime();
    }

    /** Called every tick; true when requests have waited longer than the timeout with no answer. */
    public boolean expired(boolean requestsWaiting) {
        if (!requestsWaiting) {
            waitingSeen = false;
            return false;
        }
        long now = System.nanoTime();
        if (!waitingSeen) {
            waitingSeen = true;
            waitingSeenNanos = now;
            return false;
        }
        long since = lastProgressNanos - waitingSeenNanos > 0 ? lastProgressNanos : waitingSeenNanos;
        return now - since > timeoutNanos;
    }

    /** The waiting requests were answered with errors; start over. */
    public void reset() {
        waitingSeen = false;
    }
}
