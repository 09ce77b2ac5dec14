package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.conformance.StoreAdapterConformance;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three racks of two nodes on the embedded LevelDB store: every rack ends with the whole dataset
 * split across its nodes, every node answers every key, and the data survives restarting the
 * whole cluster.
 */
class EmbeddedClusterIT {

    private static final int KEYS = 300;

    @TempDir
    Path dataRoot;

    /** Three racks of two nodes on LevelDB, their data under {@link #dataRoot}. */
    private ClusterFixture start() {
        return ClusterFixture.builder(Place.racks("dc1", 3, 2), "redis", Backend.store("leveldb"))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_SAFE_QUORUM).dataRoot(dataRoot).start();
    }

    @Test
    void everyRackHoldsEveryKeyAndTheClusterKeepsItAcrossRestarts() {
        try (ClusterFixture cluster = start()) {
            for (int i = 0; i < KEYS; i++) {
                try (RespClient client = new RespClient("127.0.0.1", cluster.clientPort(i % 6))) {
                    writeKey(client, i);
                }
            }
            // Acknowledged at DC_SAFE_QUORUM: two racks had it; the third gets it in the background.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEveryRackHoldsEveryKey(cluster));
            assertEveryNodeReadsEveryKey(cluster);
        }
        try (ClusterFixture restarted = start()) {
            assertEveryRackHoldsEveryKey(restarted);
            assertEveryNodeReadsEveryKey(restarted);
        }
    }

    private static void writeKey(RespClient client, int i) {
        switch (i % 4) {
            case 0 -> client.call("SET", "key" + i, "value" + i);
            case 1 -> client.call("HSET", "key" + i, "f", "value" + i);
            case 2 -> client.call("RPUSH", "key" + i, "value" + i);
            default -> client.call("ZADD", "key" + i, Integer.toString(i), "value" + i);
        }
    }

    private static Object readKey(RespClient client, int i) {
        return switch (i % 4) {
            case 0 -> client.call("GET", "key" + i);
            case 1 -> client.call("HGET", "key" + i, "f");
            case 2 -> client.call("LINDEX", "key" + i, "0");
            default -> ((List<?>) client.call("ZRANGE", "key" + i, "0", "-1")).get(0);
        };
    }

    private static void assertEveryRackHoldsEveryKey(ClusterFixture cluster) {
        for (List<Integer> rack : cluster.racks()) {
            long keys = 0;
            for (int node : rack) {
                try (RespClient client = new RespClient("127.0.0.1", cluster.clientPort(node))) {
                    keys += StoreAdapterConformance.keysHeldHere(client);
                    assertThat(client.call("DBSIZE")).as("DBSIZE counts node %d's rack", node).isEqualTo((long) KEYS);
                }
            }
            assertThat(keys).as("keys in rack of nodes %s", rack).isEqualTo(KEYS);
        }
    }

    private static void assertEveryNodeReadsEveryKey(ClusterFixture cluster) {
        for (int node = 0; node < cluster.size(); node++) {
            try (RespClient client = new RespClient("127.0.0.1", cluster.clientPort(node))) {
                for (int i = 0; i < KEYS; i++) {
                    assertThat((byte[]) readKey(client, i)).as("key%d from node %d", i, node)
                            .isEqualTo(("value" + i).getBytes());
                }
            }
        }
    }
}
