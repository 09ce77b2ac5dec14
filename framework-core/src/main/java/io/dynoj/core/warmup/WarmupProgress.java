package io.dynoj.core.warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of one warm-up, written by the warm-up thread and read by the admin endpoints, the metrics
 * and the log at any time (each figure on its own: a reader may see a batch's counts half added).
 */
public final class WarmupProgress {

    /** Where a warm-up is. */
    public enum State {
        /** None ran since the node started. */
        IDLE,
        /** Copying the node's ranges from other racks; the node is WRITES_ONLY. */
        WARMING,
        /** Comparing the ranges once more and fetching what writes made differ meanwhile; the node is RESUMING. */
        RESUMING,
        /** Ended; the node is NORMAL. */
        DONE,
        /** No source could answer for a range: the node stays WRITES_ONLY and tries again later ({@link #error()}). */
        STALLED,
        /** Cannot run at all (a datastore that cannot stream ranges); the node's state was left as it was. */
        FAILED
    }

    final AtomicLong keysCopied = new AtomicLong();
    final AtomicLong bytesCopied = new AtomicLong();
    final AtomicLong keysDeleted = new AtomicLong();
    final AtomicLong keysSkippedWritten = new AtomicLong();
    final AtomicLong rangesDone = new AtomicLong();
    final AtomicLong passes = new AtomicLong();
    private final Instant started;
    private volatile State state;
    private volatile long rangesTotal;
    private volatile long widthTotal;
    private volatile long widthDone;
    private volatile long pieceWidth;
    private volatile long pieceKeys;
    private volatile long pieceScanned;
    private volatile long keysTotal;
    private volatile String source = "";
    private volatile Instant ended;
    private volatile String error;

    WarmupProgress(State state, Instant started) {
        this.state = state;
        this.started = started;
    }

    static WarmupProgress idle() {
        return new WarmupProgress(State.IDLE, Instant.now());
    }

    void planned(long ranges, long width) {
        rangesTotal = ranges;
        widthTotal = width;
    }

    /** A range starts, from {@code source}, holding {@code keys} there, of which {@code scanned} were done before. */
    void pieceStarted(String from, long width, long keys, long scanned) {
        source = from;
        pieceWidth = width;
        pieceKeys = keys;
        pieceScanned = scanned;
        keysTotal = Math.max(keysTotal, keys);
    }

    void scanned(long keysOfPiece) {
        pieceScanned = keysOfPiece;
    }

    void pieceDone(long width) {
        widthDone += width;
        pieceWidth = 0;
        pieceKeys = 0;
        pieceScanned = 0;
        rangesDone.incrementAndGet();
    }

    void state(State next, String why) {
        error = why;
        state = next;
        if (next == State.DONE || next == State.FAILED) {
            ended = Instant.now();
        }
    }

    public State state() {
        return state;
    }

    public String error() {
        return error;
    }

    public long keysCopied() {
        return keysCopied.get();
    }

    public long bytesCopied() {
        return bytesCopied.get();
    }

    public long keysSkippedWritten() {
        return keysSkippedWritten.get();
    }

    /** How much of the copy is done, 0 to 1: the width of the ranges done plus the part of the current one. */
    public double fraction() {
        if (state == State.DONE || state == State.RESUMING) {
            return 1;
        }
        long total = widthTotal;
        if (total == 0) {
            return 0;
        }
        double inPiece = pieceKeys == 0 ? 0 : Math.min(1, (double) pieceScanned / pieceKeys);
        return Math.min(1, (widthDone + inPiece * pieceWidth) / total);
    }

    double seconds() {
        Instant until = ended == null ? Instant.now() : ended;
        return Math.max(Duration.between(started, until).toMillis(), 1) / 1000.0;
    }

    /** The warm-up as {@code GET /warmup} and {@code /info} show it. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state.name());
        if (state == State.IDLE) {
            return m;
        }
        double seconds = seconds();
        m.put("source", source);
        m.put("started", started.toString());
        m.put("elapsed_seconds", Math.round(seconds * 10) / 10.0);
        m.put("ranges_total", rangesTotal);
        m.put("ranges_done", rangesDone.get());
        m.put("keys_total", keysTotal);
        m.put("keys_copied", keysCopied.get());
        m.put("bytes_copied", bytesCopied.get());
        m.put("keys_deleted", keysDeleted.get());
        m.put("keys_skipped_written", keysSkippedWritten.get());
        m.put("resuming_passes", passes.get());
        m.put("keys_per_second", Math.round(keysCopied.get() / seconds));
        m.put("bytes_per_second", Math.round(bytesCopied.get() / seconds));
        double fraction = fraction();
        m.put("percent", Math.round(fraction * 1000) / 10.0);
        if (state == State.WARMING) {
            m.put("eta_seconds", fraction <= 0 ? -1 : Math.round(seconds * (1 - fraction) / fraction));
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
