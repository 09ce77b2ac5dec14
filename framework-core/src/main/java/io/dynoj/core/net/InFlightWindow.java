package io.dynoj.core.net;

import java.util.function.Consumer;

/**
 * Requests in flight on one connection, keyed by sequential ids: a circular array indexed by id, so
 * adding, answering (in any order) and expiring the oldest are O(1) without hashing. (A hash map keyed
 * by sequential ids clusters badly; Netty's LongObjectHashMap spent a third of a node's CPU in removal.)
 * Each entry carries a deadline; ids are issued in time order, so the oldest entry expires first.
 *
 * <p>Not thread-safe: one connection's event loop uses it.
 */
public final class InFlightWindow<T> {

    private Object[] entries = new Object[64];
    private long[] deadlines = new long[64];
    private long oldest;
    private long next;
    private int size;

    /** Adds {@code entry}, due by {@code deadlineNanos}; returns its id. */
    public long add(T entry, long deadlineNanos) {
        if (next - oldest == entries.length) {
            grow();
        }
        long id = next++;
        int slot = slot(id);
        entries[slot] = entry;
        deadlines[slot] = deadlineNanos;
        size++;
        return id;
    }

    /** Removes and returns the entry with this id, or {@code null} if it is not (or no longer) here. */
    @SuppressWarnings("unchecked")
    public T remove(long id) {
        if (id < oldest || id >= next) {
            return null;
        }
        int slot = slot(id);
        T entry = (T) entries[slot];
        if (entry == null) {
            return null;
        }
        entries[slot] = null;
        size--;
        while (oldest < next && entries[slot(oldest)] == null) {
            oldest++;
        }
        return entry;
    }

    /** The entry with this id, left in place, or {@code null} if it is not (or no longer) here. */
    @SuppressWarnings("unchecked")
    public T get(long id) {
        return id < oldest || id >= next ? null : (T) entries[slot(id)];
    }

    /** Removes and returns the oldest entry if its deadline has passed, else {@code null}. */
    public T expireOldest(long nowNanos) {
        if (size == 0 || nowNanos - deadlines[slot(oldest)] < 0) {
            return null;
        }
        return remove(oldest);
    }

    /** Removes every entry, oldest first, handing each to {@code action}. */
    @SuppressWarnings("unchecked")
    public void drain(Consumer<T> action) {
        for (long id = oldest; id < next; id++) {
            int slot = slot(id);
            T entry = (T) entries[slot];
            if (entry != null) {
                entries[slot] = null;
                size--;
                action.accept(entry);
            }
        }
        oldest = next;
    }

    public int size() {
        return size;
    }

    private int slot(long id) {
        return (int) (id & (entries.length - 1));
    }

    private void grow() {
        Object[] bigger = new Object[entries.length * 2];
        long[] biggerDeadlines = new long[entries.length * 2];
        int mask = bigger.length - 1;
        for (long id = oldest; id < next; id++) {
            bigger[(int) (id & mask)] = entries[slot(id)];
            biggerDeadlines[(int) (id & mask)] = deadlines[slot(id)];
        }
        entries = bigger;
        deadlines = biggerDeadlines;
    }
}
