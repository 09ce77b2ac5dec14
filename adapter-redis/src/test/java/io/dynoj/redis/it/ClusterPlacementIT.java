package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Keys written through any node are readable through every node and lie on exactly one backend in
 * each rack, with the same value: 1 DC x 3 racks x 2 nodes, and 2 DCs (2 racks x 2 nodes + 1 x 1).
 */
class ClusterPlacementIT {

    private static final int KEYS = 3000;

    @Test
    void oneDatacenterThreeRacksTwoNodes() throws Exception {
        try (ClusterFixture cluster = start(Place.racks("dc1", 3, 2))) {
            writeAndCheck(cluster);
        }
    }

    @Test
    void twoDatacenters() throws Exception {
        List<Place> places = new ArrayList<>(Place.racks("dc1", 2, 2));
        places.add(new Place("dc2", "r1", Place.TOP));
        try (ClusterFixture cluster = start(places)) {
            writeAndCheck(cluster);
        }
    }

    private static ClusterFixture start(List<Place> places) {
        return ClusterFixture.builder(places, "redis", Backend.redisServer()).start();
    }

    private static void writeAndCheck(ClusterFixture cluster) throws Exception {
        int n = cluster.size();
        for (int node = 0; node < n; node++) {
            try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(node), 10_000)) {
                Pipeline p = j.pipelined();
                for (int k = node; k < KEYS; k += n) {
                    p.set("key:" + k, "value:" + k);
                }
                p.sync();
            }
        }
        // DC_ONE answers after the local rack: the other racks catch up in the background.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (List<Integer> rack : cluster.racks()) {
                assertThat(keysIn(cluster, rack)).as("keys in rack %s", rack).isEqualTo(KEYS);
            }
        });
        for (List<Integer> rack : cluster.racks()) {
            for (int k = 0; k < KEYS; k += 7) {
                int holders = 0;
                for (int node : rack) {
                    try (RespClient direct = cluster.redis(node).client()) {
                        byte[] v = (byte[]) direct.call("GET", "key:" + k);
                        if (v != null) {
                            holders++;
                            assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("value:" + k);
                        }
                    }
                }
                assertThat(holders).as("backends of rack %s holding key:%d", rack, k).isEqualTo(1);
            }
        }
        for (int node = 0; node < n; node++) {
            try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(node), 10_000)) {
                Pipeline p = j.pipelined();
                List<redis.clients.jedis.Response<String>> got = new ArrayList<>();
                for (int k = 0; k < KEYS; k++) {
                    got.add(p.get("key:" + k));
                }
                p.sync();
                for (int k = 0; k < KEYS; k++) {
                    assertThat(got.get(k).get()).as("key:%d through node %d", k, node).isEqualTo("value:" + k);
                }
            }
        }
    }

    private static long keysIn(ClusterFixture cluster, List<Integer> rack) {
        long total = 0;
        for (int node : rack) {
            try (RespClient direct = cluster.redis(node).client()) {
                total += direct.dbSize();
            }
        }
        return total;
    }
}
