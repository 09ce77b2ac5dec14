package io.dynoj.core.admin;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.node.NodeState;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.topology.Topology;

/**
 * What the admin endpoints read from (and change on) the node. Each method is called per request, so an
 * implementation can hand out whatever is current (a new topology snapshot, the state the node is in now).
 */
public interface AdminContext {

    /** The node's live read/write consistency; {@code /set_consistency} changes it in place. */
    ConsistencySettings consistency();

    /** The current cluster view, described by {@code /cluster_describe}. */
    Topology topology();

    /** Where the node is in its lifecycle, answered by {@code /state/get_state}. */
    NodeState state();

    /** The node's metrics, exported by {@code /metrics/json}. */
    MetricRegistry metrics();
}
