package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.handoff.Hint;
import io.dynoj.core.handoff.HintedHandoff;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/**
 * Where a request goes once the router has chosen a replica: the node's own datastore, or a peer. Also
 * chooses a key's primary in a datacenter. Stateless; callable on any event loop.
 */
final class Replicator {

    final Datastore datastore;
    final Peers peers;
    final ProtocolAdapter protocol;
    final RouterMetrics metrics;
    final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    /** Where the writes replicas miss are kept; null: nowhere (they are counted and lost for that replica). */
    volatile HintedHandoff hints;

    Replicator(Datastore datastore, Peers peers, ProtocolAdapter protocol, RouterMetrics metrics) {
        this.datastore = datastore;
        this.peers = peers;
        this.protocol = protocol;
        this.metrics = metrics;
    }

    /**
     * Sends a write's {@code effect} (ownership passes) to the replica {@code node}, keeping it as a hint instead
     * when the node is unreachable or still has hints to replay (so it gets the key's writes in order); a hint
     * answers {@code sink} with a failure at once: it never counts toward the consistency level. A sent effect that
     * gets no answer leaves its keys to be copied whole once the node is back ({@link FateWatch}).
     */
    void replicate(ClusterNode node, Request effect, byte mode, ConsistencyLevel level, ReplySink sink) {
        replicate(node, effect, mode, level, sink, true);
    }

    /**
     * {@link #replicate(ClusterNode, Request, byte, ConsistencyLevel, ReplySink)}; with {@code watchFate} false a
     * sent effect that gets no answer is only told to {@code sink} (a key copy, whose caller tries again).
     *
     * @return true when the effect was kept as a hint ({@code sink} already has its failure), false when it was sent
     */
    boolean replicate(ClusterNode node, Request effect, byte mode, ConsistencyLevel level, ReplySink sink,
                      boolean watchFate) {
        HintedHandoff h = hints;
        if (node.local() || h == null || !h.enabled()) {
            send(node, effect, mode, level, -1, sink, null);
            return false;
        }
        boolean held = h.holding(node.id());
        if (held || !peers.reachable(node)) {
            if (h.offer(node.id(), Hint.write(mode, protocol.isIdempotent(effect), System.currentTimeMillis(),
                    new byte[0], ByteBufUtil.getBytes(effect.frame()), effect.writeTime()))) {
                effect.release();
                sink.error("peer " + node.name() + (held ? " has missed writes still to replay" : " is unreachable")
                        + "; the write is kept for it as a hint");
                return true;
            }
        }
        metrics.forwarded.inc();
        peers.send(node, effect, mode, level, -1, watchFate ? new FateWatch(sink, node, effect, h) : sink, null);
        return false;
    }

    /** Sends {@code request} (ownership passes) to {@code node}: this node's datastore, or a peer ({@link Peers#send}). */
    void send(ClusterNode node, Request request, byte mode, ConsistencyLevel level, int originRack, ReplySink sink,
              Runnable onDone) {
        if (node.local()) {
            datastore.execute(request, sink);
            if (onDone != null) {
                onDone.run();
            }
        } else {
            metrics.forwarded.inc();
            peers.send(node, request, mode, level, originRack, sink, onDone);
        }
    }

    /**
     * The position in {@code racks} (one datacenter's, by name) of the rack whose owner of {@code hash}
     * orders its writes: the placement's primary rack, or while its node is unreachable the next rack
     * whose node is, so writes go on when a node is down. (Nodes that disagree on who is reachable may
     * then order a key's writes in two places for a while; the repair issue reconciles that.)
     */
    int primaryRack(List<Rack> racks, long hash) {
        int first = io.dynoj.core.topology.Topology.primaryRack(racks, hash);
        for (int k = 0; k < racks.size(); k++) {
            int r = (first + k) % racks.size();
            ClusterNode node = racks.get(r).owner(hash);
            if (node.local() || peers.reachable(node)) {
                if (k > 0) {
                    metrics.primaryFallbacks.inc();
                }
                return r;
            }
        }
        return first;
    }
}
