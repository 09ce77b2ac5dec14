package io.dynoj.memcached.engine;

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
 */
public final class MemcachedEngine implements CommandEngine {

    private final Items items;
    private final KeyLocks locks = new KeyLocks(4096);
    private final boolean allowFlushAll;
    private volatile byte[] sweepFrom = Items.firstStoreKey();

    public MemcachedEngine(OrderedStore store, EngineSettings settings, LongSupplier clock) {
        this.items = new Items(store, clock,
                Math.min(settings.limits().maxItemBytes(), Integer.MAX_VALUE - Item.HEADER));
        this.allowFlushAll = settings.limits().allowFlushAll();
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
        switch (command) {
            case GET, GETS, GAT, GATS:
                return RetrievalCommands.run(new Call(r, line, null, items, alloc), locks);
            case FLUSH_ALL:
                return FlushCommand.run(new Call(r, line, null, items, alloc), allowFlushAll);
            default:
                break;
        }
        if (r.keyCount() != 1) {
            return Replies.line(alloc, "ERROR"); // mn, version...: answered by the node, never sent here
        }
        byte[] key = Items.storeKey(r.key(0));
        Call call = new Call(r, line, key, items, alloc);
        int stripe = locks.stripe(key);
        locks.lock(stripe);
        try {
            return switch (command) {
                case SET, ADD, REPLACE, APPEND, PREPEND, CAS -> StorageCommands.run(call);
                case DELETE -> KeyCommands.delete(call);
                case TOUCH -> KeyCommands.touch(call);
                case INCR, DECR -> KeyCommands.arithmetic(call);
                case MG -> MetaGet.run(call);
                case MS -> MetaSet.run(call);
                case MD -> MetaDelete.run(call);
                case MA -> MetaArithmetic.run(call);
                default -> Replies.line(alloc, "ERROR");
            };
        } finally {
            locks.unlock(stripe);
        }
    }

    /**
     * Deletes expired and flushed items, reading at most {@code budget} entries from where the last
     * sweep stopped, so that a large store is covered over successive calls.
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
                if (!items.visible(Item.expireAtOf(raw), Item.casOf(raw), now) && removeIfGone(last)) {
                    removed++;
                }
            }
        }
        // Resume after the last key seen; start over at the end of the items.
        sweepFrom = seen < budget || last == null ? Items.firstStoreKey() : Arrays.copyOf(last, last.length + 1);
        return removed;
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
