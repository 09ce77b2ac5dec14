package io.dynoj.core.time;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A hybrid logical clock: 64-bit timestamps {@code physical ms << 16 | logical counter}, never going back and
 * never repeating, ordered like wall-clock time while clocks agree. A write's timestamp is read once, by the
 * node that orders it (its key's primary), and travels with the write to every replica, so every replica
 * stores the same timestamp for the same write and the newest write wins everywhere (last-write-wins).
 *
 * <p>{@link #update} takes in a peer's timestamp, so this node's next timestamps are above it: a write
 * ordered after one seen from a peer with a clock ahead of ours still gets the larger timestamp. The
 * counter gives 65,536 timestamps per millisecond; beyond that the clock runs ahead of the wall clock
 * until it catches up.
 *
 * <p>Thread-safe, lock-free: one volatile read, one {@code System.currentTimeMillis()} and one CAS per call.
 */
public final class HybridClock {

    /** Bits of the logical counter. */
    public static final int LOGICAL_BITS = 16;

    private static final HybridClock SHARED = new HybridClock(System::currentTimeMillis);

    private final LongSupplier wallMillis;
    private final AtomicLong last = new AtomicLong();

    public HybridClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /**
     * The process's clock: every node of the process and its datastore read this one, so timestamps
     * chosen by the router and those an engine chooses for a write that came without one never go back.
     */
    public static HybridClock shared() {
        return SHARED;
    }

    /** A new timestamp, above every timestamp this clock gave or saw. */
    public long now() {
        long wall = wallMillis.getAsLong() << LOGICAL_BITS;
        while (true) {
            long prev = last.get();
            long next = wall > prev ? wall : prev + 1;
            if (last.compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /** Takes in {@code remote}, a timestamp another node chose: later timestamps of this clock are above it. */
    public void update(long remote) {
        while (true) {
            long prev = last.get();
            if (remote <= prev || last.compareAndSet(prev, remote)) {
                return;
            }
        }
    }

    /** The wall-clock milliseconds of {@code timestamp}. */
    public static long physicalMillis(long timestamp) {
        return timestamp >>> LOGICAL_BITS;
    }

    /** The smallest timestamp of wall-clock millisecond {@code millis}. */
    public static long ofMillis(long millis) {
        return millis << LOGICAL_BITS;
    }
}
