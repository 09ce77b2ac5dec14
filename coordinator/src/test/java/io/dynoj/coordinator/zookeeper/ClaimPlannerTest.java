package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

class ClaimPlannerTest {

    private static final ClusterPaths PATHS = new ClusterPaths("/dynoj", "c");

    private final ClusterState.Builder state = ClusterState.builder(PATHS);

    @Test
    void theFirstNodeOfARackTakesTokenZero() {
        ClaimPlan plan = planner("a", null).plan(state.build(), false);

        assertThat(plan.kind()).isEqualTo(ClaimPlan.Kind.CLAIM);
        assertThat(plan.create()).containsExactly(0L);
        assertThat(plan.tokens()).containsExactly(0L);
        assertThat(plan.why()).contains("new capacity", "no data moves");
    }

    @Test
    void aRestartReusesItsOwnTokens() {
        claim("dc1", "r1", 0, "a", 3);
        claim("dc1", "r1", 1L << 31, "b", 0);
        live("b");

        ClaimPlan plan = planner("a", null).plan(state.build(), false);

        assertThat(plan.keep()).extracting(TokenClaim::token).containsExactly(0L);
        assertThat(plan.keep().get(0).version()).isEqualTo(3);
        assertThat(plan.create()).isEmpty();
        assertThat(plan.why()).contains("reusing");
    }

    @Test
    void aDepartedNodesTokensAreTakenOnlyAfterTheGracePeriod() {
        claim("dc1", "r1", 0, "gone", 1);
        claim("dc1", "r1", 1L << 31, "b", 0);
        live("b");

        assertThat(planner("new", null).plan(state.build(), false).kind()).isEqualTo(ClaimPlan.Kind.WAIT);
        ClaimPlan plan = planner("new", null).plan(state.build(), true);

        assertThat(plan.kind()).isEqualTo(ClaimPlan.Kind.CLAIM);
        assertThat(plan.take()).extracting(TokenClaim::token).containsExactly(0L);
        assertThat(plan.departed()).containsExactly("gone");
        assertThat(plan.tokens()).containsExactly(0L);
    }

    @Test
    void aLiveRackIsSplitAtItsLargestRange() {
        claim("dc1", "r1", 0, "a", 0);
        claim("dc1", "r1", 1L << 31, "b", 0);
        claim("dc1", "r2", 0, "c", 0);
        live("a");
        live("b");
        live("c");

        assertThat(planner("d", null).plan(state.build(), false).create()).containsExactly(1L << 30);
    }

    @Test
    void configuredTokensAreRefusedWhenALiveNodeHoldsOne() {
        claim("dc1", "r1", 5, "b", 0);
        live("b");

        ClaimPlan plan = planner("a", List.of(5L, 9L)).plan(state.build(), false);

        assertThat(plan.kind()).isEqualTo(ClaimPlan.Kind.REFUSE);
        assertThat(plan.why()).contains("token 5", "live node b");
    }

    @Test
    void configuredTokensAreCreatedTakenFromDepartedNodesAndTheOthersReleased() {
        claim("dc1", "r1", 5, "gone", 2);
        claim("dc1", "r1", 7, "a", 1);
        claim("dc2", "r9", 7, "a", 4);

        ClaimPlan plan = planner("a", List.of(9L, 5L)).plan(state.build(), false);

        assertThat(plan.kind()).isEqualTo(ClaimPlan.Kind.CLAIM);
        assertThat(plan.tokens()).containsExactly(5L, 9L);
        assertThat(plan.create()).containsExactly(9L);
        assertThat(plan.take()).extracting(TokenClaim::token).containsExactly(5L);
        assertThat(plan.departed()).containsExactly("gone");
        assertThat(plan.release()).extracting(c -> c.dc() + "/" + c.token()).containsExactlyInAnyOrder("dc1/7", "dc2/7");
    }

    private static ClaimPlanner planner(String id, List<Long> configured) {
        return new ClaimPlanner(id, "dc1", "r1", configured);
    }

    private void claim(String dc, String rack, long token, String owner, int version) {
        Stat stat = new Stat();
        stat.setVersion(version);
        state.add(PATHS.claim(dc, rack, token), stat, Json.write(new TokenClaim.Owner(owner, "127.0.0.1", 9000)));
    }

    private void live(String id) {
        Stat stat = new Stat();
        stat.setEphemeralOwner(42);
        state.add(PATHS.member(id), stat, Json.write(new Member(id, "dc1", "r1", "127.0.0.1", 9000, 0, 0, List.of(),
                Member.State.SERVING)));
    }
}
