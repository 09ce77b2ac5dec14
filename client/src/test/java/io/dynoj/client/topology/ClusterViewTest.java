package io.dynoj.client.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.state.ServingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class ClusterViewTest {

    private final DescribedCluster cluster = Described.racks(3, 2);

    @Test
    void aLocalRackThatIsNotInTheClusterIsNamedWithTheRacksThatAre() {
        assertThatThrownBy(() -> Described.view(cluster, "us-east-1c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("local rack 'us-east-1c' is not in the cluster; racks are [rack1, rack2, rack3]");
        assertThatThrownBy(() -> ClusterView.of(cluster, "dc1", "us-east-1c", s -> null))
                .hasMessage("local rack 'us-east-1c' is not in the cluster; racks are [rack1, rack2, rack3]");
        assertThatThrownBy(() -> ClusterView.of(cluster, "eu-west-1", "rack1", s -> null))
                .hasMessage("local datacenter 'eu-west-1' is not in the cluster; datacenters are [dc1]");
    }

    @Test
    void theViewIsTheClientsRackWithAddressesByConvention() {
        ClusterView view = Described.view(cluster, "rack2");
        assertThat(view.topology().localRack().name()).isEqualTo("rack2");
        assertThat(view.topology().localDcRacks()).hasSize(3);
        // Every node listens for clients on the answering node's client port, on its own peer host.
        assertThat(view.localRackHosts()).extracting(Host::client)
                .containsExactly(new HostAndPort("10.0.2.0", 8102), new HostAndPort("10.0.2.1", 8102));
        assertThat(view.localRackHosts()).extracting(Host::admin)
                .containsExactly(new HostAndPort("10.0.2.0", 22222), new HostAndPort("10.0.2.1", 22222));
        assertThat(view.hosts()).hasSize(6).extracting(h -> h.client().getHost())
                .startsWith("10.0.2.0", "10.0.2.1", "10.0.1.0");
        assertThat(view.hasher().toString()).isEqualTo("murmur {}");
        // Tokens 0 and 2^31: a token just above 0 belongs to the node at 2^31, one above 2^31 wraps to 0.
        assertThat(view.owner(view.topology().localRack(), 1).client().getHost()).isEqualTo("10.0.2.1");
        assertThat(view.owner(view.topology().localRack(), 0x8000_0001L).client().getHost()).isEqualTo("10.0.2.0");
    }

    @Test
    void snapshotsDifferWhenANodeTokenAddressOrStateDoes() {
        ClusterView a = Described.view(cluster, "rack1");
        assertThat(a.sameAs(Described.view(cluster, "rack1"))).isTrue();
        assertThat(a.sameAs(Described.view(cluster, "rack1", Map.of("10.0.3.1", ServingState.WRITES_ONLY)))).isFalse();
        List<DescribedCluster.Server> more = new java.util.ArrayList<>(cluster.servers());
        more.add(new DescribedCluster.Server("dc1", "rack1", "10.0.1.9", 8101, List.of(3_000_000_000L), false, null, 0));
        DescribedCluster grown = new DescribedCluster(cluster.source(), 2, "murmur", "{}", more);
        assertThat(a.sameAs(Described.view(grown, "rack1"))).isFalse();
    }

    @Test
    void theDatacenterComesFromTheRackWhenNotGivenAndMustBeGivenWhenTheRackNameIsInSeveral() {
        List<DescribedCluster.Server> servers = List.of(
                new DescribedCluster.Server("dc1", "r1", "a", 1, List.of(0L), true, null, 0),
                new DescribedCluster.Server("dc2", "r1", "b", 1, List.of(0L), false, null, 0),
                new DescribedCluster.Server("dc2", "r2", "c", 1, List.of(0L), false, null, 0));
        DescribedCluster two = new DescribedCluster(new HostAndPort("a", 22222), 1, "murmur", null, servers);
        assertThat(Described.view(two, "r2").topology().localRack().dc()).isEqualTo("dc2");
        assertThat(Described.view(two, "r2").topology().remoteDcs()).containsOnlyKeys("dc1");
        assertThatThrownBy(() -> Described.view(two, "r1")).hasMessageContaining("name the local datacenter");
    }
}
