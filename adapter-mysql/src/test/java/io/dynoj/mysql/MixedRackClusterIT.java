package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.MariaDbServer;
import io.dynoj.testkit.RespClient;
import org.junit.jupiter.api.Test;

/**
 * Two racks of one node each: rack r1 keeps its data in MariaDB, rack r2 in embedded LevelDB. Writes
 * through either node reach both racks, and each rack then answers every key with the same value
 * from its own store.
 */
class MixedRackClusterIT {

    private static final int KEYS = 200;

    @Test
    void aMySqlRackAndALevelDbRackHoldTheSameData() {
        try (MariaDbServer db = MariaDbServer.start();
             ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 2, 1), "redis",
                             Backend.store("leveldb"))
                     .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_SAFE_QUORUM)
                     .configureEach((config, index, dataDir) -> {
                         if (index == 0) { // rack r1
                             config.datastoreType("mysql").section("mysql", TestStores.section(db, TestStores.newTable()));
                         }
                     })
                     .start()) {
            for (int i = 0; i < KEYS; i++) {
                try (RespClient client = client(cluster, i % 2)) {
                    // DC_SAFE_QUORUM of two racks: acknowledged once both stores have it.
                    assertThat(client.call("SET", "key" + i, "value" + i)).isEqualTo("OK");
                    assertThat(client.call("HSET", "hash", "f" + i, Integer.toString(i))).isEqualTo(1L);
                    assertThat(client.call("INCR", "counter")).isEqualTo((long) i + 1);
                }
            }
            for (int node = 0; node < cluster.size(); node++) {
                try (RespClient client = client(cluster, node)) {
                    assertThat(client.call("DBSIZE")).isEqualTo((long) KEYS + 2);
                    assertThat(client.call("GET", "counter")).isEqualTo(Integer.toString(KEYS).getBytes());
                    assertThat(client.call("HLEN", "hash")).isEqualTo((long) KEYS);
                    for (int i = 0; i < KEYS; i++) {
                        assertThat((byte[]) client.call("GET", "key" + i)).isEqualTo(("value" + i).getBytes());
                    }
                }
            }
        }
    }

    private static RespClient client(ClusterFixture cluster, int node) {
        return new RespClient("127.0.0.1", cluster.clientPort(node));
    }
}
