package io.dynoj.core.repair;

import io.dynoj.core.spi.TokenRange;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of one repair run, written by its thread and read by the admin endpoints and metrics at
 * any time (each figure on its own; a reader may see one range's counts half added).
 */
public final class RepairProgress {

    /** Where a run is. */
    public enum State { IDLE, RUNNING, DONE, FAILED }

    final AtomicLong rangesDone = new AtomicLong();
    final AtomicLong keysCompared = new AtomicLong();
    final AtomicLong keysFixed = new AtomicLong();
    final AtomicLong keysStreamed = new AtomicLong();
    final AtomicLong bytesStreamed = new AtomicLong();
    final AtomicLong keysDeleted = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    /** Token width of the ranges done, of {@link #width}: what the ETA is taken from. */
    final AtomicLong widthDone = new AtomicLong();
    private final TokenRange only;
    private final Instant started;
    private volatile State state;
    private volatile long rangesTotal;
    private volatile long width;
    private volatile Instant ended;
    private volatile String error;

    RepairProgress(TokenRange only, Instant started, State state) {
        this.only = only;
        this.started = started;
        this.state = state;
    }

    /** Before any run. */
    static RepairProgress idle() {
        return new RepairProgress(null, Instant.now(), State.IDLE);
    }

    void planned(long ranges, long totalWidth) {
        rangesTotal = ranges;
        width = totalWidth;
    }

    void ended(State end, String why) {
        error = why;
        ended = Instant.now();
        state = end;
    }

    public State state() {
        return state;
    }

    public long keysFixed() {
        return keysFixed.get();
    }

    public long keysStreamed() {
        return keysStreamed.get();
    }

    public long bytesStreamed() {
        return bytesStreamed.get();
    }

    public long keysCompared() {
        return keysCompared.get();
    }

    /** The run as {@code GET /repair} and {@code /info} show it. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state.name());
        m.put("range", only == null ? "all" : only.toString());
        if (state == State.IDLE) {
            return m;
        }
        Instant until = ended == null ? Instant.now() : ended;
        double seconds = Math.max(Duration.between(started, until).toMillis(), 1) / 1000.0;
        m.put("started", started.toString());
        m.put("elapsed_seconds", Math.round(seconds * 10) / 10.0);
        m.put("ranges_total", rangesTotal);
        m.put("ranges_done", rangesDone.get());
        m.put("keys_compared", keysCompared.get());
        m.put("keys_fixed", keysFixed.get());
        m.put("keys_streamed", keysStreamed.get());
        m.put("keys_deleted", keysDeleted.get());
        m.put("bytes_streamed", bytesStreamed.get());
        m.put("conflicts", conflicts.get());
        m.put("keys_compared_per_second", Math.round(keysCompared.get() / seconds));
        double fraction = width == 0 ? 0 : (double) widthDone.get() / width;
        m.put("percent", Math.round(fraction * 1000) / 10.0);
        if (state == State.RUNNING) {
            m.put("eta_seconds", fraction <= 0 ? -1 : Math.round(seconds * (1 - fraction) / fraction));
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
