package io.dynoj.core.storage;

import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Executes one protocol's commands over an {@link OrderedStore}: the Redis engine of adapter-redis,
 * the memcached engine of adapter-memcached. Made by a {@link CommandEngineFactory}.
 *
 * <p>Threading: {@link #execute} is called from many threads at once (the node's I/O threads, or
 * worker threads for a {@linkplain OrderedStore#blocking() blocking} store) and makes each command
 * atomic with respect to other commands on the same keys ({@link KeyLocks}), without one lock for
 * every key. Commands of one client connection arrive one at a time, in the client's order.
 */
public interface CommandEngine extends AutoCloseable {

    /**
     * Runs {@code request} and returns its reply in the client's wire format, including protocol
     * errors for bad input (wrong type, not an integer...). Does not release the request. Throws
     * {@link StoreException} when the store fails; the caller answers the client with its message.
     */
    ByteBuf execute(Request request, ByteBufAllocator alloc);

    /**
     * Group commit, first half: when {@code request} is a write whose whole work is store puts and deletes
     * and whose reply does not depend on what the store holds (a plain {@code SET}), adds those operations
     * to {@code group} and returns the reply, which the caller sends only once {@link #commitStaged} wrote
     * the group; otherwise returns {@code null} and does nothing, and the caller commits what is staged
     * before it calls {@link #execute} (so every command sees the writes staged before it).
     *
     * <p>Threading: as {@link #execute}; {@code group} belongs to the calling thread. Staging takes no key
     * lock: nothing is read, and nothing is visible to other commands until the commit.
     */
    default ByteBuf stage(Request request, StoreBatch group, ByteBufAllocator alloc) {
        return null;
    }

    /**
     * Group commit, second half: writes what {@link #stage} put in {@code group} as one atomic store
     * batch, with the locks of its keys held, and brings the engine's own state (caches, watch versions)
     * up to date. Throws {@link StoreException} (or any runtime exception) when the store fails: then
     * none of the group's writes may be acknowledged.
     */
    default void commitStaged(StoreBatch group) {
        throw new UnsupportedOperationException("this engine stages no writes");
    }

    /**
     * Deletes some expired entries, reading at most {@code budget} entries; returns how many it
     * deleted. Called about ten times a second from one maintenance thread, so that expired data
     * does not pile up when nobody reads it (reads never see expired data regardless).
     */
    default int removeExpired(int budget) {
        return 0;
    }

    /** The engine's keys as a {@link io.dynoj.core.spi.RangeStore}, or {@code null} when it has none. */
    default io.dynoj.core.spi.RangeStore rangeStore() {
        return null;
    }

    /** Whether the engine stores write timestamps and tombstones ({@link io.dynoj.core.spi.Datastore#keepsWriteTimes()}). */
    default boolean keepsWriteTimes() {
        return false;
    }

    @Override
    default void close() {
    }
}
