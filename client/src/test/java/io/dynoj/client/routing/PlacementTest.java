package io.dynoj.client.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Described;
import io.dynoj.client.topology.Host;
import org.junit.jupiter.api.Test;

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
    void writesGoToThePrimaryRackChosenByTheTokenThenItsOwner() {
        // Racks sorted by name; index (token * 3) >>> 32: thirds of the ring go to rack1, rack2, rack3.
        assertThat(host(Placement.writePrimary(view, 0))).isEqualTo("10.0.1.0");
        assertThat(host(Placement.writePrimary(view, 0x5555_5554L))).isEqualTo("10.0.1.1");
        assertThat(host(Placement.writePrimary(view, 0x5555_5556L))).isEqualTo("10.0.2.1");
        assertThat(host(Placement.writePrimary(view, 0xAAAA_AAACL))).isEqualTo("10.0.3.0");
        assertThat(host(Placement.writePrimary(view, 0xFFFF_FFFFL))).isEqualTo("10.0.3.0");
    }

    @Test
    void failoverOrderIsTheFirstChoiceTheLocalOwnerThenTheOtherRacksThenNothingTwice() {
        // A read: the local owner, then the owners of rack2 and rack3, starting at rack (token % 2).
        assertThat(Placement.replicas(view, 5, false)).extracting(PlacementTest::host)
                .containsExactly("10.0.1.1", "10.0.3.1", "10.0.2.1");
        assertThat(Placement.replicas(view, 6, false)).extracting(PlacementTest::host)
                .containsExactly("10.0.1.1", "10.0.2.1", "10.0.3.1");
        // A write whose primary is in rack2: the primary, the local owner, then rack3 (rack2 already listed).
        assertThat(Placement.replicas(view, 0x5555_5556L, true)).extracting(PlacementTest::host)
                .containsExactly("10.0.2.1", "10.0.1.1", "10.0.3.1");
    }

    @Test
    void twoTokensShareNodesWhenTheyShareTheReadOwnerAndThePrimary() {
        assertThat(Placement.sameNodes(view, 1, 2)).isTrue();
        assertThat(Placement.sameNodes(view, 1, 0x8000_0001L)).isFalse(); // other local owner
        assertThat(Placement.sameNodes(view, 1, 0x5555_5556L)).isFalse(); // same local owner, other primary
    }
}
