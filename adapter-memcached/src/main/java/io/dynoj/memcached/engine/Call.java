package io.dynoj.memcached.engine;

import io.dynoj.core.time.HybridClock;
import io.dynoj.memcached.protocol.IdempotentWrites;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One command being run: the request, its words, the store key of its (first) key, the items and
 * where replies are allocated. The engine holds the key's lock while a single-key command runs.
 */
record Call(MemcachedRequest request, CommandLine line, byte[] key, Items items, ByteBufAllocator alloc) {

    ByteBuf line(String text) {
        return Replies.line(alloc, text);
    }

    long now() {
        return items.now();
    }

    /**
     * The time a relative exptime counts from: the write's own (the wall-clock part of the timestamp its key's
     * primary chose), so that every replica computes the same expiry and their items compare equal in repair;
     * now for a request without one.
     */
    long exptimeBase() {
        long writeTime = request.writeTime();
        return writeTime != 0 ? HybridClock.physicalMillis(writeTime) : items.now();
    }

    /**
     * Whether this is a guarded write ({@link io.dynoj.core.spi.Request#writeTimeGuarded()}: a replayed hint or a
     * key copy) that {@code storeKey} makes stale: it holds a newer write (a delete included), or one of the same
     * write time and this write would change the key again if applied twice (an incr applied already). An
     * idempotent write of the key's own write time is applied: a key copy of the primary's item at that time also
     * brings what this replica missed before it. The key's lock is held.
     */
    boolean superseded(byte[] storeKey) {
        if (!request.writeTimeGuarded()) {
            return false;
        }
        long held = items.writeTimeOf(storeKey);
        return held > request.writeTime() || held == request.writeTime() && !IdempotentWrites.isIdempotent(request);
    }
}
