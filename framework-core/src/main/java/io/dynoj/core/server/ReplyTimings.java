package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The timings of the replies one connection has queued but not yet flushed. A request is timed from
 * the read that brought it to the flush that sends its reply, the latency its client sees (waiting
 * behind earlier requests included); the clock is read once per flush for all the replies it sends,
 * as it is read once per read for all the requests it brings, so timing a pipelined request costs
 * little more than the timer update. Not thread-safe: one per connection, used on its event loop.
 *
 * <p>Its arrays are taken at the first timed reply, small, and grown as a pipeline needs: an idle
 * connection holds none, one that sent a request now and then two of {@value #FIRST_CAPACITY} (two arrays
 * of 16, taken with every connection, were 224 of the bytes an idle connection cost).
 */
final class ReplyTimings {

    private static final int FIRST_CAPACITY = 4;
    private static final Timer[] NO_TIMERS = new Timer[0];
    private static final long[] NO_STARTS = new long[0];

    private Timer[] timers = NO_TIMERS;
    private long[] starts = NO_STARTS;
    private int size;

    /** A reply of the command timed by {@code timer} (or {@code null}: not timed), read at {@code startNanos}, is queued. */
    void queued(Timer timer, long startNanos) {
        if (timer == null) {
            return;
        }
        if (size == timers.length) {
            int capacity = Math.max(FIRST_CAPACITY, size * 2);
            timers = Arrays.copyOf(timers, capacity);
            starts = Arrays.copyOf(starts, capacity);
        }
        timers[size] = timer;
        starts[size] = startNanos;
        size++;
    }

    /** The queued replies were flushed: each timer gets its reply's time. */
    void flushed() {
        if (size == 0) {
            return;
        }
        long now = System.nanoTime();
        for (int i = 0; i < size; i++) {
            timers[i].update(now - starts[i], TimeUnit.NANOSECONDS);
            timers[i] = null;
        }
        size = 0;
    }
}
