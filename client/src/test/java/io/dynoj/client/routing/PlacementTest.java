package io.dynoj.client.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Described;
import io.dynoj.client.topology.Host;
import io.dynoj.client.topology.DescribedCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class PlacementTest {

    private final ClusterView view = Described.view(Described.racks(3, 2), "rack1");

    private static String host(Host h) {
        return h.client().getHost();
    }

    @Test
    void readsGoToTheOwnerInTheClientsRack() {
        assertThat(host(Placement.readOwner(view, 0))).isEqualTo("10.0.1.0");
        assertThat(host(Placement.readOwner(view, 5))).isEqualTo("10.0.1.1");
        assertThat(host(Placement.readOwner(view, 0xFFFF_FFFFL))).isEqualTo("10.0.1.0");
    }

    @Test
    void writesGoToThePrimaryTheTokenRangesOfTheFirstRackTakingTurnsOverTheRacks() {
        // rack1's ranges by token index: (2^31, 2^32) and [0] are index 0 -> rack1; (0, 2^31] index 1 -> rack2.
        assertThat(host(Placement.writePrimary(view, 0))).isEqualTo("10.0.1.0");
        assertThat(host(Placement.writePrimary(view, 5))).isEqualTo("10.0.2.1");
        assertThat(host(Placement.writePrimary(view, 0x8000_0000L))).isEqualTo("10.0.2.1");
        assertThat(host(Placement.writePrimary(view, 0x8000_0001L))).isEqualTo("10.0.1.0");
        assertThat(host(Placement.writePrimary(view, 0xFFFF_FFFFL))).isEqualTo("10.0.1.0");
    }

    @Test
    void readsFailOverToTheOtherRacksStartingAtARackChosenByTheToken() {
        assertThat(Placement.replicas(view, 5, false)).extracting(PlacementTest::host)
                .containsExactly("10.0.1.1", "10.0.3.1", "10.0.2.1");
        assertThat(Placement.replicas(view, 6, false)).extracting(PlacementTest::host)
                .containsExactly("10.0.1.1", "10.0.2.1", "10.0.3.1");
    }

    @Test
    void writesFailOverAsTheNodesMoveAPrimaryTheNextRacksInOrder() {
        assertThat(Placement.replicas(view, 5, true)).extracting(PlacementTest::host)
                .containsExactly("10.0.2.1", "10.0.3.1", "10.0.1.1");
        assertThat(Placement.replicas(view, 0x8000_0001L, true)).extracting(PlacementTest::host)
                .containsExactly("10.0.1.0", "10.0.2.0", "10.0.3.0");
    }

    @Test
    void twoTokensShareNodesWhenTheyShareTheReadOwnerAndThePrimary() {
        assertThat(Placement.sameNodes(view, 1, 2)).isTrue();
        assertThat(Placement.sameNodes(view, 1, 0x8000_0001L)).isFalse(); // other local owner
        // rack1 with four nodes, the client in rack2 with two: one local owner, two primaries.
        List<DescribedCluster.Server> servers = new ArrayList<>();
        for (long t : new long[] {0, 1L << 30, 2L << 30, 3L << 30}) {
            servers.add(new DescribedCluster.Server("dc1", "rack1", "10.0.1." + (t >> 30), 8101, List.of(t), false, null, 0));
        }
        for (String rack : new String[] {"rack2", "rack3"}) {
            servers.add(new DescribedCluster.Server("dc1", rack, rack + "-a", 8101, List.of(0L), false, null, 0));
            servers.add(new DescribedCluster.Server("dc1", rack, rack + "-b", 8101, List.of(1L << 31), false, null, 0));
        }
        ClusterView uneven = Described.view(new DescribedCluster(new HostAndPort("10.0.1.0", 22222), 1, "murmur",
                null, servers), "rack2");
        assertThat(Placement.readOwner(uneven, 1)).isEqualTo(Placement.readOwner(uneven, (1L << 30) + 1));
        assertThat(Placement.sameNodes(uneven, 1, (1L << 30) + 1)).isFalse();
    }
}
