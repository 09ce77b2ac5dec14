package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.time.HybridClock;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write executed by this node as its key's primary, on the key's lane ({@link PrimaryWrites}):
 * the protocol makes it absolute ({@code atPrimary}) and the local datastore executes it. Its effect
 * goes to the other racks and datacenters in the lane's order: at once, beside the local execution,
 * when the protocol knows it beforehand ({@code effectBeforeExecution}: a deterministic write is its own
 * effect), else once the local datastore answered ({@code effect}: what replays the primary's choice,
 * nothing after an error). Such a write the local datastore failed on (its fate unknown) is not
 * replicated: the client gets the error; a deterministic one may then be on the other racks and not
 * here, which repair reconciles, as after any failed write.
 *
 * <p>On a datastore that keeps write timestamps ({@link io.dynoj.core.spi.Datastore#keepsWriteTimes()}) the
 * write's timestamp is read here, once, from the {@link HybridClock}, and its local execution and its effect
 * carry it ({@link Request#writeTime()}), so every replica stores the same timestamp.
 */
final class PrimaryWrite extends LoopReplySink {

    private static final Logger log = LoggerFactory.getLogger(PrimaryWrite.class);
    private static final HybridClock CLOCK = HybridClock.shared();

    private final Replicator replicator;
    private final Topology topology;
    private final long hash;
    private final ConsistencyLevel level;
    private final int awaitedRack;
    private final boolean toOtherDcs;
    private final ReplySink client;
    private final Runnable background;
    private final LateEffects late;
    private Request request;
    private Request kept;
    /** The write's timestamp, 0 when the datastore keeps none; chosen in {@link #start}. */
    private long writeTime;
    private boolean guarded;
    /** This write's replicas, computed once in {@link #start}. */
    private List<ClusterNode> replicas;

    PrimaryWrite(Replicator replicator, Topology topology, Request request, long hash, ConsistencyLevel level,
                 int awaitedRack, boolean toOtherDcs, ReplySink client, Runnable background, LateEffects late) {
        this.replicator = replicator;
        this.topology = topology;
        this.request = request;
        this.hash = hash;
        this.level = level;
        this.awaitedRack = awaitedRack;
        this.toOtherDcs = toOtherDcs;
        this.client = client;
        this.background = background;
        this.late = late;
    }

    /**
     * On the lane: executes the write on the local datastore. When the protocol knows its effect already
     * (a deterministic write), the effect leaves for the other replicas at once, in the lane's order, and
     * the local reply is one of the quorum's; otherwise the effect is built from the local reply.
     */
    void start() {
        long given = request.writeTime();
        boolean givenGuarded = request.writeTimeGuarded();
        Request prepared = replicator.protocol.atPrimary(request, System.currentTimeMillis(), replicator.alloc);
        request = null;
        if (replicator.datastore.keepsWriteTimes()) {
            // Chosen once here, the key's primary; a write another datacenter's primary ordered keeps its own.
            writeTime = given != 0 ? given : CLOCK.now();
            if (given != 0) {
                CLOCK.update(given);
            }
            guarded = givenGuarded;
            prepared.writeTime(writeTime, guarded);
        }
        replicas = placeReplicas();
        // Behind a pending late effect of the same key, an early one would overtake it on the other replicas.
        Request early = replicas.size() > 1 && !late.pending(hash)
                ? replicator.protocol.effectBeforeExecution(prepared) : null;
        if (early != null) {
            if (writeTime != 0) {
                early.writeTime(writeTime, guarded);
            }
            QuorumCall call = replicate(early, true);
            replicator.datastore.execute(prepared, call.replica(topology.localRackIndex()));
            return;
        }
        late.begin(hash);
        kept = prepared.retainedDuplicate();
        replicator.datastore.execute(prepared, this);
    }

    @Override
    protected void onReply(ByteBuf reply) {
        late.end(hash);
        Request effect = effectOf(reply);
        if (effect != null && writeTime != 0) {
            effect.writeTime(writeTime, guarded);
        }
        boolean sameForm = effect != null && ByteBufUtil.equals(effect.frame(), kept.frame());
        kept.release();
        if (effect == null || replicas.size() == 1) {
            if (effect != null) {
                effect.release();
            }
            background.run();
            client.reply(reply);
            return;
        }
        replicate(effect, sameForm).replica(topology.localRackIndex()).reply(reply);
    }

    /**
     * Sends {@code effect} (released here) to every replica but this node's, in the lane's order; the
     * returned call answers the client once its own replica, {@code replica(own)}, has answered too.
     */
    private QuorumCall replicate(Request effect, boolean sameForm) {
        int own = topology.localRackIndex();
        int localCount = topology.localDcRacks().size();
        int awaited = awaitedRack >= 0 && awaitedRack < localCount ? awaitedRack : own;
        QuorumCall call = QuorumCall.write(client, level, localCount, own, awaited, sameForm, replicas,
                replicator.metrics, background);
        replicator.metrics.replicated.inc(replicas.size() - 1);
        for (int i = 0; i < replicas.size(); i++) {
            if (i != own) {
                byte mode = i < localCount ? PeerMessage.MODE_LOCAL : PeerMessage.MODE_DC_PRIMARY;
                replicator.replicate(replicas.get(i), effect.retainedDuplicate(), mode, level, call.replica(i));
            }
        }
        effect.release();
        return call;
    }

    /** The effect the other replicas apply, or null; a failing adapter must not leave the client waiting. */
    private Request effectOf(ByteBuf reply) {
        try {
            return replicator.protocol.effect(kept, reply, replicator.alloc);
        } catch (RuntimeException e) {
            log.error("the effect of '{}' could not be built; not replicated", kept.command(), e);
            replicator.metrics.primaryFailed.inc();
            return null;
        }
    }

    @Override
    protected void onError(String message) {
        late.end(hash);
        kept.release();
        replicator.metrics.primaryFailed.inc();
        background.run();
        client.error(message);
    }

    /** The owner in every local rack, then each other datacenter's primary. */
    private List<ClusterNode> placeReplicas() {
        List<ClusterNode> owners = topology.localOwners(hash);
        if (toOtherDcs) {
            for (Map.Entry<String, List<Rack>> dc : topology.remoteDcs().entrySet()) {
                List<Rack> racks = dc.getValue();
                owners.add(racks.get(replicator.primaryRack(racks, hash)).owner(hash));
            }
        }
        return owners;
    }

    @Override
    public EventLoop eventLoop() {
        return client.eventLoop();
    }

    @Override
    public int connectionId() {
        return client.connectionId();
    }
}
