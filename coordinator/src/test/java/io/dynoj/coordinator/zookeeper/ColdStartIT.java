package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Six nodes in three racks, none with tokens in its config, started at once against one ZooKeeper. */
class ColdStartIT {

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
    void sixNodesClaimTheSameTwoTokensInEveryRackAndServeEveryKeyFromEveryRack() throws Exception {
        zookeeper = ZooKeeperFixture.start();
        ExecutorService starters = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<NodeFixture>> starting = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String rack = "r" + (i % 3 + 1);
                starting.add(CompletableFuture.supplyAsync(() -> zookeeper.node(rack), starters));
            }
            for (CompletableFuture<NodeFixture> f : starting) {
                nodes.add(f.join());
            }
        } finally {
            starters.shutdown();
        }

        try (ClusterReader reader = zookeeper.reader()) {
            ClusterState state = reader.read();
            assertThat(state.members()).hasSize(6);
            Map<String, List<Long>> tokensByRack = new TreeMap<>();
            state.claims().forEach(c -> tokensByRack.computeIfAbsent(c.rack(), k -> new ArrayList<>()).add(c.token()));
            assertThat(tokensByRack).containsOnlyKeys("r1", "r2", "r3")
                    .allSatisfy((rack, tokens) -> assertThat(tokens).containsExactly(0L, 1L << 31));
            assertThat(state.claims()).extracting(TokenClaim::ownerId).doesNotHaveDuplicates().hasSize(6);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (NodeFixture n : nodes) {
                Topology t = n.node().topology();
                assertThat(t.nodes()).hasSize(6);
                assertThat(t.localDcRacks()).hasSize(3);
                assertThat(t.nodes()).extracting(ClusterNode::tokens).allSatisfy(tokens -> assertThat(tokens).hasSize(1));
            }
        });
        // Every node is marked serving once its client port is bound.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (ClusterReader reader = zookeeper.reader()) {
                assertThat(reader.read().members().values()).allSatisfy(m -> {
                    assertThat(m.state()).isEqualTo(Member.State.SERVING);
                    assertThat(m.clientPort()).isPositive();
                });
            }
        });

        for (int k = 0; k < 60; k++) {
            try (Jedis jedis = new Jedis("127.0.0.1", nodes.get(k % 6).port())) {
                assertThat(jedis.set("key-" + k, "value-" + k)).isEqualTo("OK");
            }
        }
        // A DC_ONE read goes to the owner in the reading node's own rack: reading every key through every
        // node reads every rack's copy.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (NodeFixture n : nodes) {
                try (Jedis jedis = new Jedis("127.0.0.1", n.port())) {
                    for (int k = 0; k < 60; k++) {
                        assertThat(jedis.get("key-" + k)).as("key-%d through %s", k, n.address()).isEqualTo("value-" + k);
                    }
                }
            }
        });
    }
}
