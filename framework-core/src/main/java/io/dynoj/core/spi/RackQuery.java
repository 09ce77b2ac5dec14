package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A keyless request the nodes of the local rack answer together, each from its own datastore (Redis
 * DBSIZE, KEYS, SCAN, RANDOMKEY): every node of a rack holds a disjoint share of the keys, so one rack
 * sees them all. Nodes are numbered {@code 0..nodes-1} in the local rack's token-ring order. Either
 * every node is asked at once ({@link #ALL}) and their replies merged, or the query walks the nodes one
 * at a time, choosing the next from each reply.
 *
 * <p>One instance per client request, created by {@link ProtocolAdapter#rackQuery}; the router calls it
 * on the client's event loop only, and calls {@link #close} exactly once at the end, whatever happened.
 */
public interface RackQuery {

    /** From {@link #start}: ask every node at once. */
    int ALL = -1;
    /** From {@link #reply}: the walk is over, {@link #answer} has the client's reply. */
    int DONE = -2;
    /** From {@link #unanswered}: the whole request fails with the node's error. */
    int FAIL = -3;

    /**
     * The first node to ask, or {@link #ALL}.
     *
     * @throws IllegalArgumentException when the request cannot be answered (a cursor that does not
     *     decode); its message is the client's error
     */
    int start(int nodes);

    /** The request for {@code node}: a new request whose ownership passes to the caller. */
    Request request(int node);

    /**
     * {@code node}'s reply (ownership passes). For a walk, the next node to ask or {@link #DONE}; when every
     * node was asked at once, the return value is ignored.
     */
    int reply(int node, ByteBuf reply);

    /**
     * For a walk: {@code node} could not answer (unreachable, failed). The next node to ask, {@link #DONE}
     * when {@link #answer} can answer without it, or {@link #FAIL} (the default: a partial answer would look
     * like a true one).
     */
    default int unanswered(int node) {
        return FAIL;
    }

    /** The client's answer, once the walk is {@link #DONE} or every node has replied; ownership passes. */
    ByteBuf answer(ByteBufAllocator alloc);

    /** Releases what the query still holds (the original request, replies not merged). */
    void close();
}
