package io.dynoj.core.routing;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.peer.RemoteRequestHandler;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Routes requests over the cluster, as Dynomite places them: a key is served by its owner in the
 * local rack (the local datastore or a peer); a write also goes to its owner in every other rack of
 * the local datacenter and, once per remote datacenter, to a node there that fans it out to that
 * datacenter's racks. Consistency levels decide when the client is answered ({@link QuorumCall}).
 * Multi-key requests whose keys live on different nodes are split and merged ({@link MultiKeyCall})
 * when the protocol allows it, and refused otherwise.
 *
 * <p>Runs on the caller's event loop; keeps no per-request state of its own. The topology is read
 * once per request, so a swapped topology never half-applies to one request.
 */
public final class ClusterRouter implements RequestDispatcher, RemoteRequestHandler {

    private final Supplier<Topology> topology;
    private final ToLongFunction<ByteBuf> hasher;
    private final Datastore datastore;
    private final PeerLinks peers;
    private final ProtocolAdapter protocol;
    private final ConsistencySettings consistency;
    private final RouterMetrics metrics;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    public ClusterRouter(Supplier<Topology> topology, ToLongFunction<ByteBuf> hasher, Datastore datastore,
                         PeerLinks peers, ProtocolAdapter protocol, ConsistencySettings consistency,
                         MetricRegistry metrics) {
        this.topology = topology;
        this.hasher = hasher;
        this.datastore = datastore;
        this.peers = peers;
        this.protocol = protocol;
        this.consistency = consistency;
        this.metrics = new RouterMetrics(metrics);
    }

    @Override
    public void dispatch(Request request, ReplySink sink) {
        Topology t = topology.get();
        if (t.isSingleNode()) {
            datastore.execute(request, sink);
            return;
        }
        int keys = request.keyCount();
        if (keys == 0) {
            if (protocol.isBroadcast(request)) {
                broadcast(t, request, sink);
            } else {
                // Keyless commands (INFO, DBSIZE, SCAN...) concern this node's own datastore.
                datastore.execute(request, sink);
            }
            return;
        }
        if (keys == 1) {
            route(t, request, hasher.applyAsLong(request.key(0)), sink);
            return;
        }
        Map<List<ClusterNode>, List<Integer>> groups = groupByReplicas(t, request);
        if (groups.size() == 1) {
            route(t, request, hasher.applyAsLong(request.key(0)), sink);
        } else if (protocol.isSplittable(request)) {
            split(t, request, groups, sink);
        } else {
            String command = request.command();
            request.release();
            sink.error("the keys of '" + command + "' belong to different nodes; use a hash tag so that "
                    + "they hash alike, or one key per request");
        }
    }

    /** Keys grouped by the nodes that hold them in every rack that a request for them would reach. */
    private Map<List<ClusterNode>, List<Integer>> groupByReplicas(Topology t, Request request) {
        Map<List<ClusterNode>, List<Integer>> groups = new LinkedHashMap<>();
        for (int k = 0; k < request.keyCount(); k++) {
            long hash = hasher.applyAsLong(request.key(k));
            List<ClusterNode> replicas = new ArrayList<>();
            for (Rack rack : t.localDcRacks()) {
                replicas.add(rack.owner(hash));
            }
            for (String dc : t.remoteDcs().keySet()) {
                replicas.add(t.entryRack(dc).owner(hash));
            }
            groups.computeIfAbsent(replicas, r -> new ArrayList<>()).add(k);
        }
        return groups;
    }

    private void split(Topology t, Request request, Map<List<ClusterNode>, List<Integer>> groups, ReplySink sink) {
        metrics.split.inc();
        int[][] keyIndexes = groups.values().stream()
                .map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        List<Request> parts = new ArrayList<>(keyIndexes.length);
        for (int[] indexes : keyIndexes) {
            parts.add(protocol.splitRequest(request, indexes, alloc));
        }
        MultiKeyCall call = new MultiKeyCall(sink, protocol, request, keyIndexes, alloc);
        for (int p = 0; p < parts.size(); p++) {
            Request part = parts.get(p);
            route(t, part, hasher.applyAsLong(part.key(0)), call.part(p));
        }
    }

    /** To every node; the client gets this node's reply once all have answered, or the first failure. */
    private void broadcast(Topology t, Request request, ReplySink sink) {
        List<ClusterNode> all = new ArrayList<>(t.nodes());
        all.remove(t.local());
        all.add(0, t.local());
        QuorumCall call = QuorumCall.all(sink, all, metrics);
        for (int i = 1; i < all.size(); i++) {
            send(all.get(i), request.retainedDuplicate(), PeerMessage.MODE_LOCAL, ConsistencyLevel.DC_ONE, call.replica(i));
        }
        send(all.get(0), request, PeerMessage.MODE_LOCAL, ConsistencyLevel.DC_ONE, call.replica(0));
    }

    private void route(Topology t, Request request, long hash, ReplySink sink) {
        if (request.kind() == RequestKind.WRITE) {
            ConsistencyLevel own = sink.writeConsistency();
            write(t, request, hash, own != null ? own : consistency.write(), sink);
        } else {
            ConsistencyLevel own = sink.readConsistency();
            read(t, request, hash, own != null ? own : consistency.read(), sink);
        }
    }

    private void read(Topology t, Request request, long hash, ConsistencyLevel level, ReplySink sink) {
        List<Rack> racks = t.localDcRacks();
        if (level == ConsistencyLevel.DC_ONE || racks.size() == 1) {
            send(t.localRack().owner(hash), request, PeerMessage.MODE_LOCAL, level, sink);
            return;
        }
        List<ClusterNode> replicas = new ArrayList<>(racks.size());
        for (Rack rack : racks) {
            replicas.add(rack.owner(hash));
        }
        fanOut(request, replicas, racks.size(), racks.indexOf(t.localRack()), level, new byte[replicas.size()], sink);
    }

    private void write(Topology t, Request request, long hash, ConsistencyLevel level, ReplySink sink) {
        List<Rack> racks = t.localDcRacks();
        List<ClusterNode> replicas = new ArrayList<>(racks.size() + t.remoteDcs().size());
        for (Rack rack : racks) {
            replicas.add(rack.owner(hash));
        }
        for (String dc : t.remoteDcs().keySet()) {
            replicas.add(t.entryRack(dc).owner(hash));
        }
        byte[] modes = new byte[replicas.size()];
        for (int i = racks.size(); i < modes.length; i++) {
            modes[i] = PeerMessage.MODE_DC_FANOUT;
        }
        metrics.replicated.inc(replicas.size() - 1);
        fanOut(request, replicas, racks.size(), racks.indexOf(t.localRack()), level, modes, sink);
    }

    private void fanOut(Request request, List<ClusterNode> replicas, int localCount, int primary,
                        ConsistencyLevel level, byte[] modes, ReplySink sink) {
        if (replicas.size() == 1) {
            send(replicas.get(0), request, modes[0], level, sink);
            return;
        }
        QuorumCall call = new QuorumCall(sink, level, localCount, primary, replicas, metrics);
        for (int i = 1; i < replicas.size(); i++) {
            send(replicas.get(i), request.retainedDuplicate(), modes[i], level, call.replica(i));
        }
        send(replicas.get(0), request, modes[0], level, call.replica(0));
    }

    private void send(ClusterNode node, Request request, byte mode, ConsistencyLevel level, ReplySink sink) {
        if (node.local()) {
            datastore.execute(request, sink);
        } else {
            metrics.forwarded.inc();
            peers.send(node, request, mode, level, sink);
        }
    }

    @Override
    public void handleRemote(Request request, byte mode, ConsistencyLevel level, ReplySink sink) {
        LocalAnswer local = protocol.answerLocally(request, ClientSession.detached(alloc));
        if (local != null) {
            request.release();
            sink.reply(local.reply());
            return;
        }
        if (mode != PeerMessage.MODE_DC_FANOUT || request.keyCount() == 0) {
            datastore.execute(request, sink);
            return;
        }
        // A write from another datacenter: replicate it to every rack of this one.
        Topology t = topology.get();
        long hash = hasher.applyAsLong(request.key(0));
        List<Rack> racks = t.localDcRacks();
        List<ClusterNode> replicas = new ArrayList<>(racks.size());
        for (Rack rack : racks) {
            replicas.add(rack.owner(hash));
        }
        ConsistencyLevel here = level == ConsistencyLevel.DC_EACH_SAFE_QUORUM
                ? ConsistencyLevel.DC_SAFE_QUORUM : ConsistencyLevel.DC_ONE;
        fanOut(request, replicas, replicas.size(), racks.indexOf(t.localRack()), here,
                new byte[replicas.size()], sink);
    }
}
