package io.dynoj.core.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.topology.ClusterNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Whole clusters of {@link Gossiper}s over an in-memory transport, round by round. */
class GossipConvergenceTest {

    /** The nodes by id; a node that is not in the map (or is in {@code dead}) cannot be reached. */
    private final Map<String, Gossiper> nodes = new LinkedHashMap<>();
    private final Set<String> dead = new HashSet<>();
    private final Random random = new Random(13);
    private final AtomicInteger ringChanges = new AtomicInteger();

    private final GossipTransport transport = (nodeId, mine) -> {
        Gossiper target = nodes.get(nodeId);
        if (target == null || dead.contains(nodeId)) {
            return CompletableFuture.failedFuture(new IllegalStateException(nodeId + " is not reachable"));
        }
        return CompletableFuture.completedFuture(target.receive(mine));
    };

    private static GossipEntry entry(String id, long generation, String rack, int port, long token) {
        return new GossipEntry(id, generation, 0, MemberState.NORMAL, "dc1", rack, new HostPort("127.0.0.1", port),
                List.of(token));
    }

    /** Starts a node that knows one seed, as a seed list names it (generation 0: hearsay). */
    private Gossiper start(GossipEntry self, GossipEntry seed) {
        Gossiper g = new Gossiper(self, transport, m -> ringChanges.incrementAndGet(), random);
        if (seed != null) {
            g.learn(List.of(new GossipEntry(seed.nodeId(), 0, 0, MemberState.NORMAL, seed.dc(), seed.rack(),
                    seed.peerAddress(), seed.tokens())));
        }
        nodes.put(self.nodeId(), g);
        return g;
    }

    private void roundOfEveryone() {
        for (Map.Entry<String, Gossiper> e : new ArrayList<>(nodes.entrySet())) {
            if (!dead.contains(e.getKey())) {
                e.getValue().round().join();
            }
        }
    }

    private Set<String> ring(Gossiper g) {
        return g.membership().toTopology(1).nodes().stream().map(ClusterNode::id).collect(Collectors.toSet());
    }

    /** Rounds until every live node's ring is {@code expected}; the number of rounds it took, or -1. */
    private int roundsUntil(Set<String> expected, int max) {
        for (int round = 1; round <= max; round++) {
            roundOfEveryone();
            boolean converged = nodes.entrySet().stream().filter(e -> !dead.contains(e.getKey()))
                    .allMatch(e -> ring(e.getValue()).equals(expected));
            if (converged) {
                return round;
            }
        }
        return -1;
    }

    private GossipEntry seed;

    private void sixNodesFromOneSeed() {
        seed = entry("n0", 1000, "r0", 8100, 0);
        start(seed, null);
        for (int i = 1; i < 6; i++) {
            start(entry("n" + i, 1000 + i, "r" + (i % 3), 8100 + i, i * 1000L), seed);
        }
    }

    @Test
    void sixNodesFromOneSeedConvergeWithinTenRounds() {
        sixNodesFromOneSeed();
        int rounds = roundsUntil(Set.of("n0", "n1", "n2", "n3", "n4", "n5"), 10);
        assertThat(rounds).isBetween(1, 10);
        assertThat(ringChanges.get()).isPositive();
    }

    @Test
    void aLateJoinerIsKnownEverywhereWithinTenRounds() {
        sixNodesFromOneSeed();
        assertThat(roundsUntil(Set.of("n0", "n1", "n2", "n3", "n4", "n5"), 10)).isPositive();
        start(entry("late", 5000, "r1", 8200, 77_000), seed);
        assertThat(roundsUntil(Set.of("n0", "n1", "n2", "n3", "n4", "n5", "late"), 10)).isBetween(1, 10);
    }

    @Test
    void aReplacementWithTheSameTokenWinsEverywhereWithinTwoRounds() {
        sixNodesFromOneSeed();
        assertThat(roundsUntil(Set.of("n0", "n1", "n2", "n3", "n4", "n5"), 10)).isPositive();
        dead.add("n3");
        start(entry("n3-new", 9000, "r0", 8303, 3000), seed);
        assertThat(roundsUntil(Set.of("n0", "n1", "n2", "n3-new", "n4", "n5"), 2)).isBetween(1, 2);
    }

    @Test
    void theOldEntryOfAReplacedNodeNeverComesBack() {
        sixNodesFromOneSeed();
        roundsUntil(Set.of("n0", "n1", "n2", "n3", "n4", "n5"), 10);
        dead.add("n3");
        start(entry("n3-new", 9000, "r0", 8303, 3000), seed);
        roundsUntil(Set.of("n0", "n1", "n2", "n3-new", "n4", "n5"), 2);
        for (int round = 0; round < 5; round++) {
            roundOfEveryone();
            nodes.forEach((id, g) -> {
                if (!dead.contains(id)) {
                    assertThat(g.membership().entries()).doesNotContainKey("n3");
                }
            });
        }
    }

    @Test
    void aNodeThatLeftIsOutOfEveryRingWithinTwoRoundsAndStaysOut() {
        sixNodesFromOneSeed();
        roundsUntil(Set.of("n0", "n1", "n2", "n3", "n4", "n5"), 10);
        nodes.get("n4").setState(MemberState.LEFT);
        Set<String> rest = Set.of("n0", "n1", "n2", "n3", "n5");
        for (int round = 0; round < 2; round++) {
            roundOfEveryone();
        }
        nodes.forEach((id, g) -> {
            if (!id.equals("n4")) {
                assertThat(ring(g)).isEqualTo(rest);
            }
        });
    }

    @Test
    void aStateChangeTravelsAndAHeartbeatDoesNotChangeTheRing() {
        sixNodesFromOneSeed();
        roundsUntil(Set.of("n0", "n1", "n2", "n3", "n4", "n5"), 10);
        int before = ringChanges.get();
        roundOfEveryone();
        assertThat(ringChanges.get()).isEqualTo(before);
        nodes.get("n2").setState(MemberState.WRITES_ONLY);
        for (int round = 0; round < 10; round++) {
            roundOfEveryone();
        }
        nodes.forEach((id, g) -> assertThat(g.membership().entries().get("n2").state())
                .isEqualTo(MemberState.WRITES_ONLY));
    }
}
