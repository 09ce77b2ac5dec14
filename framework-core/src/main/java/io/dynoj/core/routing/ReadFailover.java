package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.ChildSink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Reads served by one replica (DC_ONE, or a single rack) that go on to another replica when theirs cannot
 * answer, so that a client reads the value while a node is down. The order is Dyno's: the key's owner in
 * the local rack, then its owner in each other rack of the local datacenter, round-robin from the next
 * rack, then its owner in each other datacenter (in the rack twinned with the local one); at most
 * {@code attempts} replicas after the first. A replica is skipped when {@link Peers#reachable} says it is
 * not or {@link Peers#servesReads} says its node's gossiped state refuses reads (WRITES_ONLY...), and left when the read it was sent fails with a failure of the link ({@link FailoverReason}); its
 * answer, a datastore's error reply or an error its node sent back included, is the client's.
 *
 * <p>Only what the protocol calls safe ({@code ProtocolAdapter.isFailoverSafe}) fails over, and only
 * reads forwarded to a peer: a read this node's own datastore serves costs nothing more. A forwarded one
 * costs one {@link Read} sink, which holds a reference to the request's bytes until it is answered.
 *
 * <p>Stateless apart from its settings; {@link #read} runs on the client's event loop, and so does every
 * step of a failover (the sink's answers are handled there).
 */
final class ReadFailover {

    private final Replicator replicator;
    private final int attempts;

    /** @param attempts the most replicas a read is sent to after its first; 0 turns failover off */
    ReadFailover(Replicator replicator, int attempts) {
        this.replicator = replicator;
        this.attempts = attempts;
    }

    /** Sends {@code request} (ownership passes) to the owner of {@code hash} in the local rack, failing over. */
    void read(Topology t, Request request, long hash, ConsistencyLevel level, ReplySink sink) {
        ClusterNode owner = t.localRack().owner(hash);
        // This node warming up (WRITES_ONLY, RESUMING) does not read its own store: another rack's replica answers.
        boolean ownRefuses = owner.local() && !replicator.datastore.servesReads();
        int limit = owner.local() && !ownRefuses ? 1 : 1 + Math.min(attempts, replicaCount(t) - 1);
        if (limit == 1 || !replicator.protocol.isFailoverSafe(request)) {
            replicator.send(owner, request, PeerMessage.MODE_LOCAL, level, -1, sink, null);
            return;
        }
        if (ownRefuses) {
            replicator.metrics.failedOver(FailoverReason.NOT_READABLE);
        }
        // One more reference to the frame (no copy, nothing allocated) keeps its bytes for the next replica.
        request.retain();
        new Read(t, request.frame(), hash, level, limit, sink).sendFrom(ownRefuses ? 1 : 0, request, null);
    }

    /** Every replica a read may go to: one per rack of the local datacenter, one per other datacenter. */
    static int replicaCount(Topology t) {
        return t.localDcRacks().size() + t.remoteDcs().size();
    }

    /**
     * Replica {@code k} of a read of {@code hash}: 0 is the owner in the local rack, then the owners in the
     * local datacenter's other racks from the next one on (wrapping), then each other datacenter's owner in
     * its rack twinned with the local one, datacenters by name.
     */
    static ClusterNode replica(Topology t, long hash, int k) {
        if (k == 0) {
            return t.localRack().owner(hash);
        }
        List<Rack> racks = t.localDcRacks();
        if (k < racks.size()) {
            return racks.get((t.localRackIndex() + k) % racks.size()).owner(hash);
        }
        int dc = k - racks.size();
        for (String name : t.remoteDcs().keySet()) {
            if (dc-- == 0) {
                return t.entryRack(name).owner(hash);
            }
        }
        throw new IndexOutOfBoundsException("replica " + k + " of " + replicaCount(t));
    }

    /**
     * One failing-over read: the replica it waits on, and the request's bytes to send to the next one. It holds
     * a reference to the request's frame and remembers where the request lies in it: a socket write may move
     * the frame's reader index (and another loop may be writing it when a timeout fails it over), never its
     * bytes, so a slice by absolute index is the request again.
     */
    private final class Read extends ChildSink {
        private final Topology topology;
        private final long hash;
        private final ConsistencyLevel level;
        private final int limit;
        /** The request's frame, one reference held until the client is answered; then null. */
        private ByteBuf frame;
        private final int from;
        private final int length;
        private int position;
        private ClusterNode current;

        Read(Topology topology, ByteBuf frame, long hash, ConsistencyLevel level, int limit, ReplySink client) {
            super(client);
            this.topology = topology;
            this.frame = frame;
            this.from = frame.readerIndex();
            this.length = frame.readableBytes();
            this.hash = hash;
            this.level = level;
            this.limit = limit;
        }

        /**
         * Sends {@code request} (owned) to the first replica from {@code k} on that is reachable. When none is,
         * the client gets {@code lastError}, or, when no replica was tried at all, the local rack's owner is
         * sent the read anyway: its link says why it cannot serve it, or serves it if it just came back.
         */
        void sendFrom(int k, Request request, String lastError) {
            for (; k < limit; k++) {
                ClusterNode node = replica(topology, hash, k);
                if (!node.local() && replicator.peers.reachable(node) && !replicator.peers.servesReads(node)) {
                    replicator.metrics.failedOver(FailoverReason.NOT_READABLE);
                    continue;
                }
                if (node.local() || replicator.peers.reachable(node)) {
                    // Set before sending: an unreachable peer answers within send(), on this loop.
                    position = k;
                    current = node;
                    replicator.send(node, request, PeerMessage.MODE_LOCAL, level, -1, this, null);
                    return;
                }
                replicator.metrics.failedOver(FailoverReason.UNREACHABLE);
            }
            replicator.metrics.readFailoverExhausted.inc();
            ReplySink client = finish();
            if (lastError != null) {
                request.release();
                client.error(lastError);
            } else {
                replicator.send(replica(topology, hash, 0), request, PeerMessage.MODE_LOCAL, level, -1, client, null);
            }
        }

        /** The client's sink, the frame released: nothing is retried after this. */
        private ReplySink finish() {
            if (frame != null) {
                frame.release();
                frame = null;
            }
            return parent;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            finish().reply(reply);
        }

        @Override
        protected void onError(String message) {
            FailoverReason reason = FailoverReason.of(message, current.name());
            if (reason == null || frame == null) {
                finish().error(message);
                return;
            }
            replicator.metrics.failedOver(reason);
            if (position + 1 == limit) {
                replicator.metrics.readFailoverExhausted.inc();
                finish().error(message);
                return;
            }
            sendFrom(position + 1, replicator.protocol.decodeFrame(frame.retainedSlice(from, length)), message);
        }
    }
}
