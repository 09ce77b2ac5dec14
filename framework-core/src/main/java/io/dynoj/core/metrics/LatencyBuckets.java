package io.dynoj.core.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations of one time window counted in log-linear buckets: 16 per power of two, so a bucket spans at
 * most 1/16 of its values (percentiles are within about 6% of the recorded values); exact below 16 ns;
 * everything from 2^40 ns (18 minutes) up shares the last bucket. Recording is an index computation and
 * one atomic increment in the recording thread's stripe (one stripe per core, up to 8, so event loops
 * on different cores do not fight over a cache line), plus a min/max check that writes only on a new
 * extreme. Thread-safe; reads may miss increments in flight, which is fine for statistics.
 */
final class LatencyBuckets {

    static final int SUB_BITS = 4;
    static final int SUB = 1 << SUB_BITS;
    static final int MAX_EXPONENT = 40;
    static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;
    private static final int STRIPES = Math.min(8, Integer.highestOneBit(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1)) << 1);

    private final AtomicLongArray[] stripes = new AtomicLongArray[STRIPES];
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);
    final long startedNanos;

    LatencyBuckets(long startedNanos) {
        this.startedNanos = startedNanos;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new AtomicLongArray(BUCKETS);
        }
    }

    void record(long nanos) {
        long v = Math.max(0, nanos);
        stripes[(int) Thread.currentThread().getId() & (STRIPES - 1)].incrementAndGet(index(v));
        if (v > max.get()) {
            max.accumulateAndGet(v, Math::max);
        }
        if (v < min.get()) {
            min.accumulateAndGet(v, Math::min);
        }
    }

    /** The counts of every bucket, the stripes added up. */
    long[] counts() {
        long[] counts = new long[BUCKETS];
        for (AtomicLongArray stripe : stripes) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] += stripe.get(i);
            }
        }
        return counts;
    }

    long min() {
        return min.get();
    }

    long max() {
        return max.get();
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        return (exponent - SUB_BITS + 1) * SUB + (int) ((v >>> (exponent - SUB_BITS)) & (SUB - 1));
    }

    /** The smallest value that falls into bucket {@code index}. */
    static long lowest(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        return (long) (SUB + index % SUB) << (exponent - SUB_BITS);
    }

    /** The middle of bucket {@code index}: what a value recorded there is reported as. */
    static long middle(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        return lowest(index) + ((1L << (exponent - SUB_BITS)) - 1) / 2;
    }
}
