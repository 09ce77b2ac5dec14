package io.dynoj.core.metrics;

import com.codahale.metrics.Snapshot;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Snapshot} over bucket counts: a quantile is the middle of the bucket that holds it, kept
 * within the exact minimum and maximum (which quantiles 0 and 1 give); mean and deviation are computed from the bucket middles.
 * {@link #getValues()} gives one value per non-empty bucket (its middle), so {@link #size()} is the
 * number of distinct buckets, not of recordings. Immutable.
 */
final class BucketSnapshot extends Snapshot {

    private final long[] counts;
    private final long total;
    private final long min;
    private final long max;

    /** {@code counts} may be merged from several windows; {@code min}/{@code max} are theirs. */
    BucketSnapshot(long[] counts, long min, long max) {
        this.counts = counts;
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        this.total = sum;
        this.min = sum == 0 ? 0 : min;
        this.max = sum == 0 ? 0 : max;
    }

    @Override
    public double getValue(double quantile) {
        if (quantile < 0.0 || quantile > 1.0 || Double.isNaN(quantile)) {
            throw new IllegalArgumentException(quantile + " is not in [0..1]");
        }
        if (total == 0) {
            return 0.0;
        }
        long rank = (long) Math.ceil(quantile * total);
        if (rank <= 0) {
            return min;
        }
        if (rank >= total) {
            return max;
        }
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, LatencyBuckets.middle(i)));
            }
        }
        return max;
    }

    @Override
    public long[] getValues() {
        int n = 0;
        for (long c : counts) {
            n += c > 0 ? 1 : 0;
        }
        long[] values = new long[n];
        int j = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                values[j++] = Math.min(max, Math.max(min, LatencyBuckets.middle(i)));
            }
        }
        return values;
    }

    @Override
    public int size() {
        return getValues().length;
    }

    @Override
    public long getMax() {
        return max;
    }

    @Override
    public long getMin() {
        return min;
    }

    @Override
    public double getMean() {
        if (total == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += (double) counts[i] * LatencyBuckets.middle(i);
        }
        return sum / total;
    }

    @Override
    public double getStdDev() {
        if (total <= 1) {
            return 0.0;
        }
        double mean = getMean();
        double squares = 0;
        for (int i = 0; i < counts.length; i++) {
            double d = LatencyBuckets.middle(i) - mean;
            squares += counts[i] * d * d;
        }
        return Math.sqrt(squares / (total - 1));
    }

    @Override
    public void dump(OutputStream output) {
        try (PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(output, StandardCharsets.UTF_8))) {
            for (long value : getValues()) {
                out.printf("%d%n", value);
            }
        }
    }
}
