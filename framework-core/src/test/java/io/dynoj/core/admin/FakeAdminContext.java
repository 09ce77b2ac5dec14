package io.dynoj.core.admin;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.health.PeerState;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A node as the admin server sees it, made of real parts. */
final class FakeAdminContext implements AdminContext {

    private final ConsistencySettings consistency;
    private final Topology topology;
    private final MetricRegistry metrics;
    private final AtomicReference<ServingState> serving = new AtomicReference<>(ServingState.NORMAL);
    private final NodeDescription description;

    private FakeAdminContext(ConsistencySettings consistency, Topology topology, MetricRegistry metrics,
                             NodeDescription description) {
        this.consistency = consistency;
        this.topology = topology;
        this.metrics = metrics;
        this.description = description;
    }

    /**
     * Two racks in dc1 (r1 holds the local node and a second one), one rack in dc2; DC_ONE reads,
     * DC_QUORUM writes; keys placed by fnv1a_64 with hash tag {}; a counter and a gauge registered;
     * started a minute ago.
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
        NodeDescription description = new NodeDescription(Instant.now().minusSeconds(60), "redis", "redis",
                new InetSocketAddress("127.0.0.1", 8102), new InetSocketAddress("127.0.0.1", 8101),
                new InetSocketAddress("127.0.0.1", 22222), KeyHasher.of("fnv1a_64", "{}"));
        return new FakeAdminContext(new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM),
                topology, metrics, description);
    }

    /** The node at 127.0.0.2 is DOWN (phi 9.5), the others UP (phi 0.25). */
    @Override
    public PeerState peerState(ClusterNode peer) {
        return peer.local() ? null : peer.peerAddress().host().equals("127.0.0.2") ? PeerState.DOWN : PeerState.UP;
    }

    @Override
    public double peerPhi(ClusterNode peer) {
        return peer.local() ? 0 : peer.peerAddress().host().equals("127.0.0.2") ? 9.5 : 0.25;
    }

    @Override
    public ConsistencySettings consistency() {
        return consistency;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public String lifecycle() {
        return "RUNNING";
    }

    @Override
    public ServingState servingState() {
        return serving.get();
    }

    @Override
    public ServingState servingState(ServingState next) {
        return serving.getAndSet(next);
    }

    @Override
    public MetricRegistry metrics() {
        return metrics;
    }

    @Override
    public NodeDescription description() {
        return description;
    }
}
