package io.dynoj.leveldb;

import io.dynoj.core.storage.StoreException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps calls out of a native database once it closes: a call into leveldbjni after its database
 * is freed would crash the JVM, not throw. Every call runs between {@link #enter()} and
 * {@link #exit()}; {@link #shut} stops new entries and waits for the calls inside to leave.
 *
 * <p>Cheap on the hot path (a striped counter, no lock). Correct because the counter increment
 * and the closed flag are volatile accesses: a call that reads {@code closed == false} incremented
 * before {@code shut} set the flag, so {@code shut} sees it in the count. Thread-safe.
 */
final class CloseGate {

    private final LongAdder inside = new LongAdder();
    private final String what;
    private volatile boolean closed;

    CloseGate(String what) {
        this.what = what;
    }

    /** Pair with {@link #exit()} in a finally block. */
    void enter() {
        inside.increment();
        if (closed) {
            inside.decrement();
            throw new StoreException(what + " is closed");
        }
    }

    /** Like {@link #enter()}, but false instead of an exception when closed. */
    boolean tryEnter() {
        inside.increment();
        if (closed) {
            inside.decrement();
            return false;
        }
        return true;
    }

    void exit() {
        inside.decrement();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Stops new calls and waits up to {@code timeoutMillis} for the running ones to finish.
     *
     * @return false when calls were still inside at the deadline
     */
    boolean shut(long timeoutMillis) {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inside.sum() != 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }
}
