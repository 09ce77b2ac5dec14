package io.dynoj.memcached.engine;

import io.dynoj.core.storage.OrderedStore;

/**
 * What flush_all left behind: every item whose cas is below {@link #oldestCas} is gone (reads do not
 * see it, the expiry sweep deletes it), and a delayed flush_all waits in {@code pendingAt}. Saved in
 * the store, so a flush survives a restart without deleting every item at once. Thread-safe.
 *
 * <p>A delayed flush takes effect lazily: the first command (or sweep) at or after its time raises
 * {@link #oldestCas} to the cas sequence as it is then, which is what it was at that time, since
 * every write passes through a command first.
 */
final class FlushState {

    private final OrderedStore store;
    private final byte[] key;
    private volatile long oldestCas;
    /** When a delayed flush_all takes effect (ms since the epoch), 0 for none. */
    private volatile long pendingAt;

    FlushState(OrderedStore store, byte[] key) {
        this.store = store;
        this.key = key;
        byte[] saved = store.get(key);
        if (saved != null && saved.length == 16) {
            oldestCas = Item.getLong(saved, 0);
            pendingAt = Item.getLong(saved, 8);
        }
    }

    /** Whether an item with this cas was flushed. */
    boolean flushed(long cas) {
        return Long.compareUnsigned(cas, oldestCas) < 0;
    }

    /** Applies a delayed flush whose time has come. Cheap when there is none. */
    void applyDue(long nowMillis, CasSequence cas) {
        long at = pendingAt;
        if (at != 0 && at <= nowMillis) {
            synchronized (this) {
                if (pendingAt != 0 && pendingAt <= nowMillis) {
                    oldestCas = cas.next();
                    pendingAt = 0;
                    save();
                }
            }
        }
    }

    /** flush_all now: every item written so far is gone; a pending delayed flush is replaced. */
    synchronized void flushNow(CasSequence cas) {
        oldestCas = cas.next();
        pendingAt = 0;
        save();
    }

    /** flush_all with a delay: items written before {@code atMillis} are gone from then on. */
    synchronized void flushAt(long atMillis, long nowMillis, CasSequence cas) {
        if (atMillis <= nowMillis) {
            flushNow(cas);
            return;
        }
        pendingAt = atMillis;
        save();
    }

    private void save() {
        byte[] encoded = new byte[16];
        Item.putLong(encoded, 0, oldestCas);
        Item.putLong(encoded, 8, pendingAt);
        store.put(key, encoded);
    }
}
