package io.dynoj.memcached.engine;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.Request;
import io.dynoj.core.storage.CommandEngine;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.KeyLocks;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.memcached.protocol.MemcachedCommand;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * memcached's text and meta commands over an {@link OrderedStore}, answering as memcached 1.6.18
 * does. A single-key command runs with its key's stripe lock held ({@link KeyLocks}), so commands on
 * one key are atomic (50 clients running incr on a key end at the exact count) while other keys run
 * in parallel on the node's threads; a multi-key get locks one key at a time.
 *
 * <p>The node answers version, stats, verbosity, quit, mn and refused input itself; a noreply
 * request is answered here like any other and the node drops the answer; a quiet meta command gets
 * an empty answer where memcached sends nothing.
 *
 * <p>Write times ({@link #keepsWriteTimes()}): every write stores the timestamp the request carries (chosen by
 * its key's primary) or one of this node's clock, every delete leaves a tombstone for {@code tombstone_grace}
 * ({@link Items}); a guarded write (a replayed hint, a key copy) is skipped where its key holds a write as new or
 * newer. The items are a {@link RangeStore} ({@link ItemRangeStore}) for repair and warm-up.
 */
public final class MemcachedEngine implements CommandEngine {

    private final Items items;
    private final KeyLocks locks = new KeyLocks(4096);
    private final boolean allowFlushAll;
    private final ItemRangeStore ranges;
    private volatile byte[] sweepFrom = Items.firstStoreKey();

    public MemcachedEngine(OrderedStore store, EngineSettings settings, LongSupplier clock) {
        this.items = new Items(store, clock,
                Math.min(settings.limits().maxItemBytes(), Integer.MAX_VALUE - Item.HEADER),
                settings.tombstoneGraceMillis());
        this.allowFlushAll = settings.limits().allowFlushAll();
        this.ranges = new ItemRangeStore(items, locks);
    }

    @Override
    public RangeStore rangeStore() {
        return ranges;
    }

    /** Every item is stored with its write time, every delete leaves a tombstone ({@link Items}). */
    @Override
    public boolean keepsWriteTimes() {
        return true;
    }

    @Override
    public ByteBuf execute(Request request, ByteBufAllocator alloc) {
        MemcachedRequest r = (MemcachedRequest) request;
        items.flush().applyDue(items.now(), items.casSequence());
        MemcachedCommand command = r.commandType();
        if (command == null) {
            return Replies.line(alloc, "ERROR");
        }
        CommandLine line = CommandLine.of(r.frame());
        Items at = items.at(r.writeTime());
        switch (command) {
            case GET, GETS, GAT, GATS:
                return RetrievalCommands.run(new Call(r, line, null, at, alloc), locks);
            case FLUSH_ALL:
                return FlushCommand.run(new Call(r, line, null, items, alloc), allowFlushAll);
            default:
                break;
        }
        if (r.keyCount() != 1) {
            return Replies.line(alloc, "ERROR"); // mn, version...: answered by the node, never sent here
        }
        byte[] key = Items.storeKey(r.key(0));
        Call call = new Call(r, line, key, at, alloc);
        int stripe = locks.stripe(key);
        locks.lock(stripe);
        try {
            if (call.superseded(key)) {
                return skipped(call);
            }
            return switch (command) {
                case SET, ADD, REPLACE, APPEND, PREPEND, CAS -> StorageCommands.run(call);
                case DELETE -> KeyCommands.delete(call);
                case TOUCH -> KeyCommands.touch(call);
                case INCR, DECR -> KeyCommands.arithmetic(call);
                case MG -> MetaGet.run(call);
                case MS -> MetaSet.run(call);
                case MD -> MetaDelete.run(call);
                case MA -> MetaArithmetic.run(call);
                case ME -> MetaDebug.run(call);
                default -> Replies.line(alloc, "ERROR");
            };
        } finally {
            locks.unlock(stripe);
        }
    }

    /**
     * The answer to a guarded write skipped because its key holds a newer write: the success it would have had.
     * Only the node's own replays (hints) and key copies are guarded, and they read no more than that it was
     * answered.
     */
    private static ByteBuf skipped(Call call) {
        return call.line(switch (call.request().commandType()) {
            case MG, MS, MD, MA, ME -> "HD";
            case DELETE -> "DELETED";
            case TOUCH -> "TOUCHED";
            default -> Replies.STORED;
        });
    }

    /**
     * Deletes expired and flushed items and tombstones older than the grace, reading at most {@code budget}
     * entries from where the last sweep stopped, so that a large store is covered over successive calls.
     */
    @Override
    public int removeExpired(int budget) {
        long now = items.now();
        items.flush().applyDue(now, items.casSequence());
        int removed = 0;
        int seen = 0;
        byte[] last = null;
        try (StoreIterator it = items.store().scan(null, sweepFrom, Items.endStoreKey())) {
            while (seen < budget && it.next()) {
                seen++;
                last = it.key();
                byte[] raw = it.value();
                if (Item.isTombstone(raw)) {
                    removed += items.tombstoneExpired(raw, now) && removeOldTombstone(last) ? 1 : 0;
                } else if (!items.visible(Item.expireAtOf(raw), Item.casOf(raw), now) && removeIfGone(last)) {
                    removed++;
                }
            }
        }
        // Resume after the last key seen; start over at the end of the items.
        sweepFrom = seen < budget || last == null ? Items.firstStoreKey() : Arrays.copyOf(last, last.length + 1);
        return removed;
    }

    /** Removes the tombstone under {@code storeKey} once its grace has passed (it may have been written since). */
    private boolean removeOldTombstone(byte[] storeKey) {
        int stripe = locks.stripe(storeKey);
        locks.lock(stripe);
        try {
            return items.removeOldTombstone(storeKey);
        } finally {
            locks.unlock(stripe);
        }
    }

    private boolean removeIfGone(byte[] storeKey) {
        int stripe = locks.stripe(storeKey);
        locks.lock(stripe);
        try {
            // get() deletes the item when it is (still) expired or flushed.
            return items.get(storeKey) == null;
        } finally {
            locks.unlock(stripe);
        }
    }
}
