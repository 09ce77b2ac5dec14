package io.dynoj.core.metrics;

import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A Dropwizard {@link Timer} cheap enough to update on every request (about 10 ns against about 80 ns
 * for a stock Timer, whose meter reads the clock and updates four adders, and whose reservoir reads it
 * again): durations go into {@link LatencyBuckets}, the count into one adder.
 *
 * <p>Percentiles, min, max and mean describe the recent past: the current window and the one before.
 * A window ends when a read (a snapshot: {@code /info}, a scrape, JMX) finds it {@link #WINDOW} old,
 * so with regular reads they cover the last one to two minutes, and otherwise everything since the
 * read that ended the previous window. The count is exact and cumulative. The one-, five- and
 * fifteen-minute rates are all the rate over those same windows (no moving averages are kept, that is
 * what keeps updates cheap); the mean rate is over the timer's life. Thread-safe.
 */
public final class LatencyTimer extends Timer {

    /** Shortest life of a window. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final LongAdder count = new LongAdder();
    /** Read only by readers (window changes, rates), never on update. */
    private final LongSupplier clock;
    private final long created;
    private final long windowNanos;
    private volatile LatencyBuckets current;
    private volatile LatencyBuckets previous;

    public LatencyTimer() {
        this(WINDOW, System::nanoTime);
    }

    /** {@code clock} gives nanoseconds, as {@link System#nanoTime()}. */
    LatencyTimer(Duration window, LongSupplier clock) {
        this.clock = clock;
        this.created = clock.getAsLong();
        this.windowNanos = window.toNanos();
        this.current = new LatencyBuckets(created);
        this.previous = null;
    }

    @Override
    public void update(long duration, TimeUnit unit) {
        if (duration >= 0) {
            current.record(unit.toNanos(duration));
            count.increment();
        }
    }

    @Override
    public void update(Duration duration) {
        update(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> T time(Callable<T> event) throws Exception {
        long start = System.nanoTime();
        try {
            return event.call();
        } finally {
            update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public <T> T timeSupplier(Supplier<T> event) {
        long start = System.nanoTime();
        try {
            return event.get();
        } finally {
            update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void time(Runnable event) {
        long start = System.nanoTime();
        try {
            event.run();
        } finally {
            update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public long getCount() {
        return count.sum();
    }

    @Override
    public Snapshot getSnapshot() {
        LatencyBuckets[] windows = windows();
        long[] counts = windows[0].counts();
        long min = windows[0].min();
        long max = windows[0].max();
        if (windows[1] != null) {
            long[] older = windows[1].counts();
            for (int i = 0; i < counts.length; i++) {
                counts[i] += older[i];
            }
            min = Math.min(min, windows[1].min());
            max = Math.max(max, windows[1].max());
        }
        return new BucketSnapshot(counts, min, max);
    }

    @Override
    public double getMeanRate() {
        double seconds = (clock.getAsLong() - created) / 1e9;
        return seconds <= 0 ? 0.0 : getCount() / seconds;
    }

    @Override
    public double getOneMinuteRate() {
        return windowRate();
    }

    @Override
    public double getFiveMinuteRate() {
        return windowRate();
    }

    @Override
    public double getFifteenMinuteRate() {
        return windowRate();
    }

    private double windowRate() {
        LatencyBuckets[] windows = windows();
        LatencyBuckets oldest = windows[1] != null ? windows[1] : windows[0];
        long events = 0;
        for (LatencyBuckets w : windows) {
            if (w != null) {
                for (long c : w.counts()) {
                    events += c;
                }
            }
        }
        double seconds = (clock.getAsLong() - oldest.startedNanos) / 1e9;
        return seconds <= 0 ? 0.0 : events / seconds;
    }

    /** {current, previous (or null)}, after starting a new window if the current one is old enough. */
    private synchronized LatencyBuckets[] windows() {
        long now = clock.getAsLong();
        if (now - current.startedNanos >= windowNanos) {
            // Writers that already hold the old window finish into it; it is still read as the previous one.
            previous = current;
            current = new LatencyBuckets(now);
        }
        return new LatencyBuckets[] {current, previous};
    }
}
