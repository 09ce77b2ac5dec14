package io.dynoj.core.routing;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.handoff.HintSettings;
import io.dynoj.core.handoff.HintedHandoff;
import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.peer.RemoteRequestHandler;
import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.KeyPlacement;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.RackQuery;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Routes requests over the cluster. Keys are placed as Dynomite places them: every rack holds every
 * key, on the node whose token owns its hash. A read is served by its owner in the local rack (or by
 * several racks, by read consistency). A write goes to its key's <em>primary</em> in the datacenter
 * (one rack's owner, {@link Topology#primaryRack}), which executes it first and then replicates its
 * effect to the other racks and to each other datacenter's primary ({@link PrimaryWrites}): so every
 * rack applies a key's writes in one order, and a write whose result the primary chose (SPOP) is
 * replayed, not recomputed. Consistency levels decide when the client is answered ({@link QuorumCall}). A
 * read served by one replica goes on to the next rack's when its own cannot answer ({@link ReadFailover});
 * at a quorum level a replica that cannot be reached counts as failed at once. Writes never change owner.
 * Multi-key requests whose keys live on different nodes are split and merged ({@link MultiKeyCall})
 * when the protocol allows it, and refused otherwise. Keyless requests over the whole key space (SCAN,
 * DBSIZE) go to every node of the local rack ({@link RackCall}).
 *
 * <p>Runs on the caller's event loop; keeps no per-request state of its own. The topology is read
 * once per request, so a swapped topology never half-applies to one request.
 */
public final class ClusterRouter implements RequestDispatcher, RemoteRequestHandler {

    private final Supplier<Topology> topology;
    private final ToLongFunction<ByteBuf> hasher;
    private final ConsistencySettings consistency;
    private final Replicator replicator;
    private final PrimaryWrites primaries;
    private final ReadFailover failover;
    private final EventLoopGroup ioGroup;
    private volatile boolean readRepair;
    private volatile boolean readRepairBlocking = true;

    /**
     * @param readFailoverAttempts the most replicas a read served by one replica is sent to after the first
     *     when it cannot answer ({@link ReadFailover}; {@code read_failover_attempts}); 0: none
     */
    public ClusterRouter(Supplier<Topology> topology, ToLongFunction<ByteBuf> hasher, Datastore datastore,
                         PeerLinks peers, ProtocolAdapter protocol, ConsistencySettings consistency,
                         int readFailoverAttempts, EventLoopGroup ioGroup, MetricRegistry metrics) {
        this.topology = topology;
        this.hasher = hasher;
        this.consistency = consistency;
        this.replicator = new Replicator(datastore, Peers.of(peers), protocol, new RouterMetrics(metrics));
        this.primaries = new PrimaryWrites(ioGroup, replicator);
        this.failover = new ReadFailover(replicator, readFailoverAttempts);
        this.ioGroup = ioGroup;
    }

    /**
     * Turns read repair on or off ({@code read_repairs_enabled}) and chooses its mode ({@code read_repair_mode}:
     * blocking answers the client once the stale replicas were fixed, async right away); see {@link ReadRepair}.
     */
    public void readRepair(boolean enabled, boolean blocking) {
        this.readRepairBlocking = blocking;
        this.readRepair = enabled;
    }

    /**
     * Starts hinted handoff: from now on the writes this node orders that a replica misses are kept for it and
     * replayed once it is back ({@link HintedHandoff}). The caller closes what it returns.
     */
    public HintedHandoff startHints(HintSettings settings, MetricRegistry metrics) {
        HintedHandoff hints = new HintedHandoff(settings, new RouterHintDelivery(topology, hasher, replicator,
                primaries, ioGroup.next()), metrics);
        replicator.hints = hints;
        return hints;
    }

    @Override
    public void dispatch(Request request, ReplySink sink) {
        Topology t = topology.get();
        BlockingRequest blocking = replicator.protocol.blocking(request);
        if (blocking != null) {
            block(t, request, blocking, sink);
            return;
        }
        if (t.isSingleNode()) {
            replicator.datastore.execute(request, sink);
            return;
        }
        String refusal = replicator.protocol.refusalInCluster(request, hasher);
        if (refusal != null) {
            request.release();
            sink.error(refusal);
            return;
        }
        int keys = request.keyCount();
        if (keys == 0) {
            if (replicator.protocol.isBroadcast(request)) {
                broadcast(t, request, sink);
            } else if (!overRack(t, request, sink)) {
                // Other keyless commands (INFO, CONFIG...) concern this node's own datastore.
                replicator.datastore.execute(request, sink);
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
        } else if (replicator.protocol.isSplittable(request)) {
            split(t, request, groups, sink);
        } else {
            String command = request.command();
            request.release();
            sink.error("the keys of '" + command + "' belong to different nodes; use a hash tag so that "
                    + "they hash alike, or one key per request");
        }
    }

    /**
     * A blocking request (BLPOP...) waits at its key's primary, on the key's lane, without a datastore
     * connection ({@link PrimaryWrites}); from another node it waits in slices ({@link BlockingCall}). Its
     * keys must hash alike: one primary orders them all.
     */
    private void block(Topology t, Request request, BlockingRequest blocking, ReplySink sink) {
        long hash = hasher.applyAsLong(request.key(0));
        for (int k = 1; k < request.keyCount(); k++) {
            if (hasher.applyAsLong(request.key(k)) != hash) {
                String command = request.command();
                request.release();
                sink.error("the keys of '" + command + "' belong to different nodes; use a hash tag so that "
                        + "they hash alike, or one key per request");
                return;
            }
        }
        ConsistencyLevel own = sink.writeConsistency();
        ConsistencyLevel level = own != null ? own : consistency.write();
        List<Rack> racks = t.localDcRacks();
        ClusterNode primary = racks.get(replicator.primaryRack(racks, hash)).owner(hash);
        if (primary.local()) {
            primaries.submit(t, request, hash, level, t.localRackIndex(), true, sink, () -> { }, false);
        } else {
            request.release();
            BlockingCall.start(replicator, primary, blocking, sink, level, t.localRackIndex());
        }
    }

    /**
     * Keys grouped by the nodes a request for them would reach: their owner in every local rack, their
     * primary rack, and their entry node in every other datacenter.
     */
    private Map<List<ClusterNode>, List<Integer>> groupByReplicas(Topology t, Request request) {
        Map<List<ClusterNode>, List<Integer>> groups = new LinkedHashMap<>();
        for (int k = 0; k < request.keyCount(); k++) {
            long hash = hasher.applyAsLong(request.key(k));
            List<ClusterNode> replicas = t.localOwners(hash);
            replicas.add(replicas.get(Topology.primaryRack(t.localDcRacks(), hash)));
            for (List<Rack> racks : t.remoteDcs().values()) {
                replicas.add(racks.get(Topology.primaryRack(racks, hash)).owner(hash));
            }
            groups.computeIfAbsent(replicas, r -> new ArrayList<>()).add(k);
        }
        return groups;
    }

    private void split(Topology t, Request request, Map<List<ClusterNode>, List<Integer>> groups, ReplySink sink) {
        replicator.metrics.split.inc();
        int[][] keyIndexes = groups.values().stream()
                .map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        List<Request> parts = new ArrayList<>(keyIndexes.length);
        for (int[] indexes : keyIndexes) {
            parts.add(replicator.protocol.splitRequest(request, indexes, replicator.alloc));
        }
        MultiKeyCall call = new MultiKeyCall(sink, replicator.protocol, request, keyIndexes, replicator.alloc);
        for (int p = 0; p < parts.size(); p++) {
            Request part = parts.get(p);
            route(t, part, hasher.applyAsLong(part.key(0)), call.part(p));
        }
    }

    /** Runs {@code request} over the local rack's nodes when the protocol says so ({@link RackCall}); else false. */
    private boolean overRack(Topology t, Request request, ReplySink sink) {
        List<ClusterNode> rack = t.localRack().ring().nodes();
        // A rack of one node holds every key: its datastore answers SCAN and DBSIZE as it would alone.
        RackQuery query = rack.size() > 1 ? replicator.protocol.rackQuery(request) : null;
        if (query == null) {
            return false;
        }
        RackCall.run(query, rack, replicator, sink);
        return true;
    }

    /** To every node; the client gets this node's reply once all have answered, or the first failure. */
    private void broadcast(Topology t, Request request, ReplySink sink) {
        List<ClusterNode> all = new ArrayList<>(t.nodes());
        all.remove(t.local());
        all.add(0, t.local());
        QuorumCall call = QuorumCall.all(sink, all, replicator.metrics);
        for (int i = 1; i < all.size(); i++) {
            replicator.send(all.get(i), request.retainedDuplicate(), PeerMessage.MODE_LOCAL, ConsistencyLevel.DC_ONE,
                    -1, call.replica(i), null);
        }
        replicator.send(all.get(0), request, PeerMessage.MODE_LOCAL, ConsistencyLevel.DC_ONE, -1, call.replica(0),
                null);
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
        if (replicator.protocol.readsFromPrimary(request)) {
            // Never failed over: only the node that orders the key's writes knows the answer (a cas value).
            ClusterNode primary = racks.get(replicator.primaryRack(racks, hash)).owner(hash);
            replicator.send(primary, request, PeerMessage.MODE_LOCAL, level, -1, sink, null);
            return;
        }
        if (level == ConsistencyLevel.DC_ONE || racks.size() == 1) {
            failover.read(t, request, hash, level, sink);
            return;
        }
        List<ClusterNode> replicas = t.localOwners(hash);
        int local = t.localRackIndex();
        ReadRepair repair = readRepair && replicator.protocol.keyCopy() != null
                && replicator.protocol.isRepairable(request)
                ? new ReadRepair(replicator, primaries, t, hash, replicas, request, readRepairBlocking, sink) : null;
        QuorumCall call = QuorumCall.read(sink, level, local, replicas, replicator.metrics, repair);
        for (int i = 0; i < replicas.size(); i++) {
            if (i != local) {
                replicator.send(replicas.get(i), request.retainedDuplicate(), PeerMessage.MODE_LOCAL, level, -1,
                        call.replica(i), null);
            }
        }
        replicator.send(replicas.get(local), request, PeerMessage.MODE_LOCAL, level, -1, call.replica(local), null);
    }

    /** To the key's primary, which orders it; with a single replica there is nothing to order. */
    private void write(Topology t, Request request, long hash, ConsistencyLevel level, ReplySink sink) {
        List<Rack> racks = t.localDcRacks();
        if (racks.size() == 1 && t.remoteDcs().isEmpty()) {
            replicator.send(t.localRack().owner(hash), request, PeerMessage.MODE_LOCAL, level, -1, sink, null);
            return;
        }
        ClusterNode primary = racks.get(replicator.primaryRack(racks, hash)).owner(hash);
        // The replication the primary goes on with after answering counts towards this client's limit.
        Runnable background = sink.background();
        if (primary.local()) {
            primaries.submit(t, request, hash, level, t.localRackIndex(), true, sink, background, true);
        } else {
            replicator.metrics.forwarded.inc();
            replicator.peers.send(primary, request, PeerMessage.MODE_PRIMARY, level, t.localRackIndex(), sink,
                    background);
        }
    }

    /** Read repair asked this node to copy the request's key to the owner in local rack {@code rack}. */
    private void copyKey(Request request, int rack, ReplySink sink) {
        Topology t = topology.get();
        try {
            if (request.keyCount() == 0 || rack < 0 || rack >= t.localDcRacks().size()) {
                sink.error("a key copy needs a key and a rack of this datacenter");
                return;
            }
            long hash = hasher.applyAsLong(request.key(0));
            ClusterNode target = t.localDcRacks().get(rack).owner(hash);
            if (target.local()) {
                sink.reply(io.netty.buffer.Unpooled.EMPTY_BUFFER);
                return;
            }
            primaries.repair(io.netty.buffer.ByteBufUtil.getBytes(request.key(0)), hash, target, true, ok -> {
                if (ok) {
                    sink.reply(io.netty.buffer.Unpooled.EMPTY_BUFFER);
                } else {
                    sink.error("the key could not be copied to " + target.name());
                }
            });
        } finally {
            request.release();
        }
    }

    /**
     * Keys share their nodes when {@link #groupByReplicas} would put them in one group: the same owner in
     * every local rack, the same primary, the same node in every other datacenter.
     */
    @Override
    public KeyPlacement placement() {
        return new KeyPlacement() {
            @Override
            public boolean alone() {
                return topology.get().isSingleNode();
            }

            @Override
            public Object replicasOf(ByteBuf key) {
                Topology t = topology.get();
                if (t.isSingleNode()) {
                    return Boolean.TRUE;
                }
                long hash = hasher.applyAsLong(key);
                List<ClusterNode> replicas = t.localOwners(hash);
                replicas.add(replicas.get(Topology.primaryRack(t.localDcRacks(), hash)));
                for (List<Rack> racks : t.remoteDcs().values()) {
                    replicas.add(racks.get(Topology.primaryRack(racks, hash)).owner(hash));
                }
                return replicas;
            }
        };
    }

    /**
     * True when writes go to a primary while reads go to the local rack: over several racks or
     * datacenters. The primary is often another rack's node, and even when it is this one its lane
     * ({@link PrimaryWrites}) is not the path a read takes; one rack alone serves both on one path.
     */
    @Override
    public boolean readsMayOvertakeWrites() {
        Topology t = topology.get();
        return !t.isSingleNode() && (t.localDcRacks().size() > 1 || !t.remoteDcs().isEmpty());
    }

    @Override
    public void handleRemote(Request request, byte mode, ConsistencyLevel level, int originRack, ReplySink sink) {
        if (mode == PeerMessage.MODE_KEY_COPY) {
            copyKey(request, originRack, sink);
            return;
        }
        LocalAnswer local = replicator.protocol.answerLocally(request, ClientSession.detached(replicator.alloc));
        if (local != null) {
            request.release();
            sink.reply(local.reply());
            return;
        }
        if (mode == PeerMessage.MODE_LOCAL || request.keyCount() == 0) {
            replicator.datastore.execute(request, sink);
            return;
        }
        Topology t = topology.get();
        long hash = hasher.applyAsLong(request.key(0));
        Runnable background = sink.background();
        if (mode == PeerMessage.MODE_PRIMARY || mode == PeerMessage.MODE_PRIMARY_HANDOFF) {
            primaries.submit(t, request, hash, level, originRack, true, sink, background,
                    mode == PeerMessage.MODE_PRIMARY);
        } else {
            // A write another datacenter's primary ordered: ordered again here for this datacenter's racks.
            ConsistencyLevel here = level == ConsistencyLevel.DC_EACH_SAFE_QUORUM
                    ? ConsistencyLevel.DC_SAFE_QUORUM : ConsistencyLevel.DC_ONE;
            primaries.submit(t, request, hash, here, t.localRackIndex(), false, sink, background, false);
        }
    }
}
