package io.dynoj.core.admin;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.health.PeerState;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.topology.Topology;

/**
 * What the admin endpoints read from (and change on) the node. Each method is called per request, so an
 * implementation can hand out whatever is current (a new topology snapshot, the state the node is in now).
 * Called on the admin server's event loop; implementations must be thread-safe and must not block.
 */
public interface AdminContext {

    /** The node's live read/write consistency; {@code /set_consistency} changes it in place. */
    ConsistencySettings consistency();

    /** The current cluster view, described by {@code /cluster_describe}. */
    Topology topology();

    /** Where the topology comes from ({@code dyn_seed_provider} and its service), for the admin API. */
    default String topologySource() {
        return "config";
    }

    /** When the current topology replaced the one before (or the node started). */
    default java.time.Instant topologyChangedAt() {
        return description().started();
    }

    /**
     * Where the node is in its lifecycle ({@code RUNNING}...), reported by {@code /info}: a name,
     * since the admin endpoints only show it.
     */
    String lifecycle();

    /** What the node's datastore serves now, answered by {@code /state/get_state}. */
    ServingState servingState();

    /** Puts the node in {@code next} ({@code /state/<name>}); answers the state it was in. */
    ServingState servingState(ServingState next);

    /**
     * Takes the node out of the ring everywhere ({@code /decommission}); throws
     * {@link IllegalStateException} saying why when its topology source cannot (only gossip can).
     */
    default void decommission() {
        throw new IllegalStateException("decommission needs enable_gossip: true");
    }

    /** The node's metrics, exported by {@code /info}, {@code /metrics} and {@code /metrics/json}. */
    MetricRegistry metrics();

    /** Hinted handoff per target node (pending bytes, holding, needs a full repair); empty when there is none. */
    default java.util.Map<String, java.util.Map<String, Object>> hints() {
        return java.util.Map.of();
    }

    /** What this node thinks of {@code peer} now (UP, SUSPECT, DOWN); {@code null} for itself. */
    default PeerState peerState(io.dynoj.core.topology.ClusterNode peer) {
        return null;
    }

    /** {@code peer}'s phi (suspicion that it is dead) at the last judgement; 0 for itself. */
    default double peerPhi(io.dynoj.core.topology.ClusterNode peer) {
        return 0;
    }

    /** The node's anti-entropy repair ({@code /repair}); null when it has none. */
    default io.dynoj.core.repair.RepairService repair() {
        return null;
    }

    /** The node's warm-up ({@code /warmup}); null when it has none. */
    default io.dynoj.core.warmup.WarmupService warmup() {
        return null;
    }

    /** What the node is and where it listens, for {@code /info}. */
    NodeDescription description();
}
