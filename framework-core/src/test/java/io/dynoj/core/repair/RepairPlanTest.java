package io.dynoj.core.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepairPlanTest {

    private static ClusterNode node(String rack, int port, boolean local, Long... tokens) {
        return new ClusterNode("dc1", rack, new HostPort("127.0.0.1", port), List.of(tokens), local);
    }

    @Test
    void oneNodePerRackRepairsTheWholeRingAgainstEveryOtherRack() {
        Topology t = new Topology(1, List.of(node("r1", 1, true, 0L), node("r2", 2, false, 0L), node("r3", 3, false, 0L)));
        List<RepairPlan.Piece> plan = RepairPlan.of(t, null);
        assertThat(plan).hasSize(1);
        assertThat(plan.get(0).range()).isEqualTo(TokenRange.all());
        assertThat(plan.get(0).replicas()).extracting(ClusterNode::rack).containsExactly("r1", "r2", "r3");
    }

    @Test
    void rangesAreCutWhereAnotherRackChangesOwner() {
        ClusterNode a = node("r1", 1, true, 100L);
        ClusterNode b = node("r1", 2, false, 200L);
        ClusterNode c = node("r2", 3, false, 150L);
        ClusterNode d = node("r2", 4, false, 250L);
        List<RepairPlan.Piece> plan = RepairPlan.of(new Topology(1, List.of(a, b, c, d)), null);
        // a owns (200, 100] on r1; r2's token 250 cuts it: (200, 250] is d's there, (250, 100] c's.
        assertThat(plan).extracting(RepairPlan.Piece::range)
                .containsExactly(new TokenRange(200, 250), new TokenRange(250, 100));
        assertThat(plan.get(0).replicas()).containsExactly(a, d);
        assertThat(plan.get(1).replicas()).containsExactly(a, c);
    }

    @Test
    void aRangeAskedForKeepsOnlyThePiecesInsideIt() {
        Topology t = new Topology(1, List.of(node("r1", 1, true, 0L), node("r2", 2, false, 0L)));
        List<RepairPlan.Piece> plan = RepairPlan.of(t, new TokenRange(1000, 2000));
        assertThat(plan).extracting(RepairPlan.Piece::range).containsExactly(new TokenRange(1000, 2000));
    }

    @Test
    void aTokenRangeContainsItsEndNotItsStartAndWraps() {
        TokenRange wrap = new TokenRange(4_000_000_000L, 10);
        assertThat(wrap.contains(10)).isTrue();
        assertThat(wrap.contains(4_000_000_000L)).isFalse();
        assertThat(wrap.contains(0)).isTrue();
        assertThat(wrap.contains(11)).isFalse();
        assertThat(TokenRange.parse("5:7")).isEqualTo(new TokenRange(5, 7));
        assertThat(TokenRange.all().contains(12345)).isTrue();
    }
}
