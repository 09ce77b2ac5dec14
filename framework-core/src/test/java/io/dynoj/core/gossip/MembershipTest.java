package io.dynoj.core.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {

    private static GossipEntry entry(String id, long generation, long version, String rack, int port, long token) {
        return new GossipEntry(id, generation, version, MemberState.NORMAL, "dc1", rack,
                new HostPort("127.0.0.1", port), List.of(token));
    }

    private final GossipEntry self = entry("self", 100, 1, "r1", 8101, 0);
    private final Membership start = Membership.of(self);

    @Test
    void aNewMemberIsAdded() {
        GossipEntry b = entry("b", 100, 5, "r2", 8102, 0);
        Membership merged = start.merge(List.of(b));
        assertThat(merged.entries()).containsEntry("b", b).hasSize(2);
        assertThat(merged.sameRing(start)).isFalse();
    }

    @Test
    void aHigherVersionOfTheSameGenerationWins() {
        Membership m = start.merge(List.of(entry("b", 100, 5, "r2", 8102, 0)));
        GossipEntry newer = entry("b", 100, 6, "r2", 8102, 0).next(MemberState.WRITES_ONLY);
        assertThat(m.merge(List.of(newer)).entries().get("b")).isEqualTo(newer);
    }

    @Test
    void aLowerOrEqualVersionIsIgnored() {
        Membership m = start.merge(List.of(entry("b", 100, 5, "r2", 8102, 0)));
        assertThat(m.merge(List.of(entry("b", 100, 4, "r2", 9999, 0)))).isSameAs(m);
        assertThat(m.merge(List.of(entry("b", 100, 5, "r2", 9999, 0)))).isSameAs(m);
    }

    @Test
    void aStaleGenerationIsIgnoredWhateverItsVersion() {
        Membership m = start.merge(List.of(entry("b", 200, 1, "r2", 8102, 0)));
        assertThat(m.merge(List.of(entry("b", 199, 1_000_000, "r2", 9999, 0)))).isSameAs(m);
    }

    @Test
    void aNewerGenerationWinsWhateverItsVersion() {
        Membership m = start.merge(List.of(entry("b", 200, 900, "r2", 8102, 0)));
        GossipEntry restarted = entry("b", 300, 1, "r2", 8202, 0);
        assertThat(m.merge(List.of(restarted)).entries().get("b")).isEqualTo(restarted);
    }

    @Test
    void theLocalEntryIsNeverTakenFromOthers() {
        assertThat(start.merge(List.of(entry("self", 999, 999, "r9", 1, 7)))).isSameAs(start);
    }

    @Test
    void aReplacementTakesTheTokenInEitherOrder() {
        GossipEntry old = entry("old", 100, 50, "r2", 8102, 42);
        GossipEntry replacement = entry("new", 200, 1, "r2", 8202, 42);
        Membership oldFirst = start.merge(List.of(old)).merge(List.of(replacement));
        Membership newFirst = start.merge(List.of(replacement)).merge(List.of(old));
        Membership oneMessage = start.merge(List.of(old, replacement));
        for (Membership m : List.of(oldFirst, newFirst, oneMessage)) {
            assertThat(m.entries()).containsOnlyKeys("self", "new");
        }
    }

    @Test
    void theOldNodeStillGossipedCannotComeBack() {
        Membership m = start.merge(List.of(entry("new", 200, 1, "r2", 8202, 42)));
        assertThat(m.merge(List.of(entry("old", 100, 51, "r2", 8102, 42)))).isSameAs(m);
    }

    @Test
    void anEntryOfAnotherRackWithTheSameTokenIsNoClash() {
        Membership m = start.merge(List.of(entry("b", 100, 1, "r2", 8102, 0), entry("c", 100, 1, "r3", 8103, 0)));
        assertThat(m.entries()).containsOnlyKeys("self", "b", "c");
    }

    @Test
    void nothingTakesTheLocalNodesPlace() {
        assertThat(start.merge(List.of(entry("usurper", 999, 1, "r1", 8109, 0)))).isSameAs(start);
    }

    @Test
    void aGenerationTieBetweenClashingNodesIsDecidedByIdAlike() {
        GossipEntry a = entry("a", 100, 1, "r2", 8102, 42);
        GossipEntry z = entry("z", 100, 1, "r2", 8103, 42);
        assertThat(start.merge(List.of(a, z)).entries()).containsOnlyKeys("self", "z");
        assertThat(start.merge(List.of(z, a)).entries()).containsOnlyKeys("self", "z");
    }

    @Test
    void aHeartbeatAloneLeavesTheRingAsItWas() {
        Membership m = start.merge(List.of(entry("b", 100, 5, "r2", 8102, 0)));
        Membership beat = m.merge(List.of(entry("b", 100, 6, "r2", 8102, 0)));
        assertThat(beat).isNotSameAs(m);
        assertThat(beat.sameRing(m)).isTrue();
    }

    @Test
    void aMemberThatLeftIsOutOfTheTopologyAndStaysOut() {
        GossipEntry b = entry("b", 100, 5, "r2", 8102, 0);
        Membership left = start.merge(List.of(b)).merge(List.of(b.next(MemberState.LEFT)));
        Topology topology = left.toTopology(7);
        assertThat(topology.version()).isEqualTo(7);
        assertThat(topology.nodes()).extracting(ClusterNode::id).containsExactly("self");
        assertThat(left.merge(List.of(b))).isSameAs(left);
    }

    @Test
    void theTopologyMarksOnlyTheLocalNodeLocal() {
        Topology topology = start.merge(List.of(entry("b", 100, 5, "r2", 8102, 0))).toTopology(3);
        assertThat(topology.local().id()).isEqualTo("self");
        assertThat(topology.nodes()).hasSize(2);
        assertThat(topology.nodes().stream().filter(ClusterNode::local)).hasSize(1);
    }
}
