package io.dynoj.core.admin;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.node.NodeState;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.util.List;

/** A node as the admin server sees it, made of real parts; record accessors implement the interface. */
record FakeAdminContext(ConsistencySettings consistency, Topology topology, NodeState state, MetricRegistry metrics)
        implements AdminContext {

    /**
     * Two racks in dc1 (r1 holds the local node and a second one), one rack in dc2; DC_ONE reads,
     * DC_QUORUM writes; a counter and a gauge registered.
     */
    static FakeAdminContext create() {
        Topology topology = new Topology(7, List.of(
                new ClusterNode("dc1", "r1", new HostPort("127.0.0.1", 8101), List.of(0L), true),
                new ClusterNode("dc1", "r1", new HostPort("127.0.0.2", 8101), List.of(2147483648L), false),
                new ClusterNode("dc1", "r2", new HostPort("127.0.0.3", 8101), List.of(0L), false),
                new ClusterNode("dc2", "r1", new HostPort("10.0.0.1", 8102), List.of(100L, 4000000000L), false)));
        MetricRegistry metrics = new MetricRegistry();
        metrics.counter("client.requests").inc(42);
        metrics.gauge("client.connections", () -> () -> 3);
        return new FakeAdminContext(new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM),
                topology, NodeState.RUNNING, metrics);
    }
}
