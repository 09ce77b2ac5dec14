package io.dynoj.core.storage;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that make a command atomic on its keys: commands on different keys almost never
 * wait for each other, commands on the same key run one after the other. Multi-key commands lock
 * their stripes in ascending order, so two of them cannot deadlock. Thread-safe.
 */
public final class KeyLocks {

    private final ReentrantLock[] stripes;
    private final int mask;

    /** {@code stripes} is rounded up to a power of two. */
    public KeyLocks(int stripes) {
        int n = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
        this.stripes = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            this.stripes[i] = new ReentrantLock();
        }
        this.mask = n - 1;
    }

    /** The stripe of a key, from its bytes. */
    public int stripe(byte[] key) {
        return spread(Arrays.hashCode(key));
    }

    /**
     * The stripe of a key held in a buffer (its readable bytes), the same as {@link #stripe(byte[])}
     * of those bytes: no copy on the request path.
     */
    public int stripe(ByteBuf key) {
        int h = 1;
        for (int i = key.readerIndex(); i < key.writerIndex(); i++) {
            h = 31 * h + key.getByte(i);
        }
        return spread(h);
    }

    /**
     * The stripe of the key in {@code bytes[from..]}, the same as {@link #stripe(byte[])} of those bytes:
     * for a key behind a prefix (a store key) without copying it out.
     */
    public int stripe(byte[] bytes, int from) {
        int h = 1;
        for (int i = from; i < bytes.length; i++) {
            h = 31 * h + bytes[i];
        }
        return spread(h);
    }

    private int spread(int h) {
        return (h ^ (h >>> 16)) & mask;
    }

    /** Locks one stripe; pair with {@link #unlock(int)} in a finally block. */
    public void lock(int stripe) {
        stripes[stripe].lock();
    }

    public void unlock(int stripe) {
        stripes[stripe].unlock();
    }

    /** Runs {@code action} with {@code key}'s stripe locked; what it returns. */
    public <T> T underLock(byte[] key, java.util.function.Supplier<T> action) {
        int stripe = stripe(key);
        lock(stripe);
        try {
            return action.get();
        } finally {
            unlock(stripe);
        }
    }

    /**
     * Locks the stripes of several keys in ascending order, each once; returns them, sorted and
     * without repeats, for {@link #unlockAll}.
     */
    public int[] lockAll(int[] stripesOfKeys) {
        int[] sorted = distinctSorted(stripesOfKeys);
        for (int s : sorted) {
            stripes[s].lock();
        }
        return sorted;
    }

    /** Sorted without repeats; no streams: this runs for every command. */
    private static int[] distinctSorted(int[] values) {
        if (values.length <= 1) {
            return values;
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    public void unlockAll(int[] locked) {
        for (int i = locked.length - 1; i >= 0; i--) {
            stripes[locked[i]].unlock();
        }
    }
}
