package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;

/**
 * What the router needs of the node's links to its peers: whether a peer is worth sending to, and sending
 * it a request. A node's are its {@link PeerLinks}; tests give fakes, to drive the routing decisions
 * without sockets. Callable on any event loop.
 */
interface Peers {

    /** Whether {@code peer} is alive as far as this node knows now ({@link PeerLinks#reachable}). */
    boolean reachable(ClusterNode peer);

    /**
     * Whether {@code peer}'s node serves reads as far as gossip says ({@link PeerLinks#servesReads}); true
     * without gossip, where its refusal comes back as its answer.
     */
    default boolean servesReads(ClusterNode peer) {
        return true;
    }

    /**
     * Sends {@code request} (ownership passes) to {@code peer}; the answer goes to {@code sink}, at once when
     * the peer cannot be reached. See {@link PeerLinks#send(ClusterNode, Request, byte, ConsistencyLevel, int,
     * ReplySink, Runnable)}.
     */
    void send(ClusterNode peer, Request request, byte mode, ConsistencyLevel level, int originRack, ReplySink sink,
              Runnable onDone);

    static Peers of(PeerLinks links) {
        return new Peers() {
            @Override
            public boolean reachable(ClusterNode peer) {
                return links.reachable(peer);
            }

            @Override
            public boolean servesReads(ClusterNode peer) {
                return links.servesReads(peer);
            }

            @Override
            public void send(ClusterNode peer, Request request, byte mode, ConsistencyLevel level, int originRack,
                             ReplySink sink, Runnable onDone) {
                links.send(peer, request, mode, level, originRack, sink, onDone);
            }
        };
    }
}
