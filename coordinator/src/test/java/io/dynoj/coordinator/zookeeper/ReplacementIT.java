package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** A node of two racks of two leaves; a new node at another port replaces it and the others route to it. */
class ReplacementIT {

    private static final long HALF = 1L << 31;

    private final List<NodeFixture> nodes = new ArrayList<>();
    private ZooKeeperFixture zookeeper;

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(NodeFixture::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void aDepartedNodesTokenGoesToItsReplacementAfterReplaceAfterAndEveryNodeRoutesToIt() throws Exception {
        zookeeper = ZooKeeperFixture.start();
        for (String rack : List.of("r1", "r1", "r2", "r2")) {
            nodes.add(zookeeper.node(rack));
        }
        NodeFixture victim = nodes.stream().filter(n -> n.node().config().rack().equals("r1")
                && n.node().topology().local().tokens().equals(List.of(HALF))).findFirst().orElseThrow();
        String victimId = victim.node().topology().local().id();
        nodes.remove(victim);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().allMatch(n -> n.node().topology().nodes().size() == 4));
        Map<NodeFixture, Long> versions = new HashMap<>();
        nodes.forEach(n -> versions.put(n, n.node().topology().version()));

        victim.close();
        try (ClusterReader reader = zookeeper.reader()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !reader.read().isLive(victimId));
            // Gone, yet still the owner: its keys do not move to a neighbour.
            assertThat(reader.read().claims("dc1", "r1")).filteredOn(c -> c.token() == HALF)
                    .extracting(TokenClaim::ownerId).containsExactly(victimId);
        }
        assertThat(nodes).allSatisfy(n -> assertThat(n.node().topology().nodes()).extracting(ClusterNode::id).contains(victimId));

        long before = System.nanoTime();
        NodeFixture replacement = zookeeper.node("r1");
        nodes.add(replacement);
        long swappedAt = System.nanoTime();
        Topology mine = replacement.node().topology();
        assertThat(mine.local().id()).isNotEqualTo(victimId);
        assertThat(mine.local().tokens()).containsExactly(HALF);
        assertThat((swappedAt - before) / 1_000_000).as("the replacement waited replace_after once")
                .isGreaterThanOrEqualTo(ZooKeeperFixture.REPLACE_AFTER_MS);

        for (NodeFixture n : nodes.subList(0, 3)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> owner(n.node().topology(), "r1", HALF)
                    .filter(id -> id.equals(mine.local().id())).isPresent());
            assertThat(n.node().topology().version()).isGreaterThan(versions.get(n));
            assertThat(n.node().topology().nodes()).extracting(ClusterNode::id).doesNotContain(victimId);
            assertThat(n.node().metrics().counter("topology.stale").getCount()).isZero();
        }
        long routedAt = System.nanoTime();
        System.out.printf("ReplacementIT: replacement started in %d ms (replace_after %d ms); every other node routed to"
                        + " it %d ms after its start returned%n", (swappedAt - before) / 1_000_000,
                ZooKeeperFixture.REPLACE_AFTER_MS, (routedAt - swappedAt) / 1_000_000);

        // Writes through rack r2 reach the replacement; rack r1's other node reads them from it.
        NodeFixture writer = nodes.stream().filter(n -> n.node().config().rack().equals("r2")).findFirst().orElseThrow();
        NodeFixture reader = nodes.stream().filter(n -> n.node().config().rack().equals("r1") && n != replacement)
                .findFirst().orElseThrow();
        try (Jedis w = new Jedis("127.0.0.1", writer.port()); Jedis r = new Jedis("127.0.0.1", reader.port())) {
            for (int k = 0; k < 40; k++) {
                assertThat(w.set("after-" + k, "v" + k)).isEqualTo("OK");
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (int k = 0; k < 40; k++) {
                    assertThat(r.get("after-" + k)).isEqualTo("v" + k);
                }
            });
        }
    }

    private static Optional<String> owner(Topology topology, String rack, long token) {
        return topology.nodes().stream().filter(n -> n.rack().equals(rack) && n.tokens().contains(token))
                .map(ClusterNode::id).findFirst();
    }
}
