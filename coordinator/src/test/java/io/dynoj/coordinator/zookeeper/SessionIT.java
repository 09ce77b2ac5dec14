package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.dynoj.core.topology.TopologySourceContext;
import io.dynoj.testkit.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One source's ZooKeeper session: expired under it, or wanted by a second process with its node id. */
class SessionIT {

    private ZooKeeperFixture zookeeper;
    private NodeFixture other;

    @BeforeEach
    void start() throws Exception {
        zookeeper = ZooKeeperFixture.start();
        other = zookeeper.node("r1");
    }

    @AfterEach
    void stop() throws Exception {
        other.close();
        zookeeper.close();
    }

    @Test
    void anExpiredSessionRegistersAgainKeepingItsClaimsAndTheTopology() throws Exception {
        List<Topology> published = new CopyOnWriteArrayList<>();
        try (ZooKeeperTopologySource source = source("dc1/r2/solo", FreePorts.next())) {
            source.start(published::add).get(10, TimeUnit.SECONDS);
            assertThat(published).hasSize(1);
            assertThat(published.get(0).nodes()).hasSize(2);
            List<TokenClaim> claims;
            long session;
            try (ClusterReader reader = zookeeper.reader()) {
                ClusterState state = reader.read();
                claims = state.claims();
                session = state.session("dc1/r2/solo");
            }

            long killedAt = System.nanoTime();
            KillSession.kill(source.client().getZookeeperClient().getZooKeeper());

            try (ClusterReader reader = zookeeper.reader()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    long now = reader.read().session("dc1/r2/solo");
                    return now != 0 && now != session;
                });
                System.out.printf("SessionIT: member registered again %d ms after its session was expired%n",
                        (System.nanoTime() - killedAt) / 1_000_000);
                assertThat(reader.read().claims()).isEqualTo(claims);
            }
            assertThat(published).as("nothing changed: nothing published").hasSize(1);
        }
    }

    @Test
    void aSecondProcessWithALiveNodeIdIsRefused() {
        String id = other.node().topology().local().id();
        try (ZooKeeperTopologySource twin = source(id, FreePorts.next())) {
            assertThatThrownBy(() -> twin.start(t -> { }).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("node id '" + id + "' is registered by another live process");
        }
        assertThat(other.node().topology().nodes()).hasSize(1);
    }

    private ZooKeeperTopologySource source(String id, int peerPort) {
        String rack = id.split("/")[1];
        NodeConfig config = NodeConfig.builder().datacenter("dc1").rack(rack).poolName(ZooKeeperFixture.CLUSTER)
                .nodeId(id).dynSeedProvider("zookeeper").dynListen(new HostPort("127.0.0.1", peerPort))
                .section("zookeeper", zookeeper.section()).build();
        ClusterNode self = new ClusterNode(id, "dc1", rack, new HostPort("127.0.0.1", peerPort), List.of(), true);
        return (ZooKeeperTopologySource) new ZooKeeperTopologySourceProvider()
                .create(new TopologySourceContext(config, self, new MetricRegistry()));
    }
}
