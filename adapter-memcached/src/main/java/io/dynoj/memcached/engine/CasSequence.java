package io.dynoj.memcached.engine;

import io.dynoj.core.storage.OrderedStore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cas unique values of one node: every write takes the next one, and none repeats after a
 * restart. The sequence starts above both the ceiling saved in the store and the clock in
 * microseconds, and saves a new ceiling one block ahead before handing out values past the old one:
 * after a crash the next start is above every value handed out. One store write per
 * {@value #BLOCK} values. Thread-safe.
 */
final class CasSequence {

    static final long BLOCK = 1 << 20;

    private final OrderedStore store;
    private final byte[] key;
    private final AtomicLong last;
    private volatile long ceiling;

    CasSequence(OrderedStore store, byte[] key, long nowMillis) {
        this.store = store;
        this.key = key;
        byte[] saved = store.get(key);
        long start = Math.max(saved == null || saved.length != 8 ? 0 : Item.getLong(saved, 0), nowMillis * 1000);
        this.last = new AtomicLong(start);
        this.ceiling = start;
        reserveAbove(start);
    }

    /** The next value; never 0 (memcached's "no cas"). */
    long next() {
        long value = last.incrementAndGet();
        if (value >= ceiling) {
            reserveAbove(value);
        }
        return value;
    }

    private synchronized void reserveAbove(long value) {
        long target = ceiling;
        while (value >= target) {
            target += BLOCK;
        }
        if (target != ceiling) {
            byte[] encoded = new byte[8];
            Item.putLong(encoded, 0, target);
            store.put(key, encoded);
            // Published only once saved: another thread past the old ceiling waits here until then.
            ceiling = target;
        }
    }
}
