package io.dynoj.core.health;

/**
 * The last {@code capacity} intervals between one peer's heartbeats, with their running sum and sum of
 * squares, so the mean and standard deviation cost nothing to read. Not thread-safe: its detector locks.
 */
final class ArrivalWindow {

    private final long[] intervals;
    private int count;
    private int next;
    private double sum;
    private double squares;
    long last = Long.MIN_VALUE;

    ArrivalWindow(int capacity) {
        intervals = new long[capacity];
    }

    void add(long interval) {
        if (count == intervals.length) {
            long old = intervals[next];
            sum -= old;
            squares -= (double) old * old;
        } else {
            count++;
        }
        intervals[next] = interval;
        next = (next + 1) % intervals.length;
        sum += interval;
        squares += (double) interval * interval;
    }

    boolean isEmpty() {
        return count == 0;
    }

    double mean() {
        return sum / count;
    }

    double stdDeviation() {
        double mean = mean();
        return Math.sqrt(Math.max(0, squares / count - mean * mean));
    }
}
