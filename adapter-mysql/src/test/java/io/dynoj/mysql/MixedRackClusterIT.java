package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.MariaDbServer;
import io.dynoj.testkit.RespClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two racks of one node each: rack r1 keeps its data in MariaDB, rack r2 in embedded LevelDB. Writes
 * through either node reach both racks, and each rack then answers every key with the same value
 * from its own store.
 */
class MixedRackClusterIT {

    private static final int KEYS = 200;

    @TempDir
    Path dataDir;

    @Test
    void aMySqlRackAndALevelDbRackHoldTheSameData() {
        int peerMysql = FreePorts.next();
        int peerLeveldb = FreePorts.next();
        try (MariaDbServer db = MariaDbServer.start()) {
            NodeConfig.Builder mysql = node("r1", peerMysql, "127.0.0.1:" + peerLeveldb + ":r2:dc1:0")
                    .datastoreType("mysql").section("mysql", TestStores.section(db, TestStores.newTable()));
            NodeConfig.Builder leveldb = node("r2", peerLeveldb, "127.0.0.1:" + peerMysql + ":r1:dc1:0")
                    .datastoreType("leveldb");
            try (DynojNode onMysql = new DynojNode(mysql.dataDir(dataDir.resolve("r1")).build()).start();
                 DynojNode onLeveldb = new DynojNode(leveldb.dataDir(dataDir.resolve("r2")).build()).start()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> onMysql.peersConnected() && onLeveldb.peersConnected());
                List<DynojNode> nodes = List.of(onMysql, onLeveldb);
                for (int i = 0; i < KEYS; i++) {
                    try (RespClient client = client(nodes.get(i % 2))) {
                        // DC_SAFE_QUORUM of two racks: acknowledged once both stores have it.
                        assertThat(client.call("SET", "key" + i, "value" + i)).isEqualTo("OK");
                        assertThat(client.call("HSET", "hash", "f" + i, Integer.toString(i))).isEqualTo(1L);
                        assertThat(client.call("INCR", "counter")).isEqualTo((long) i + 1);
                    }
                }
                for (DynojNode node : nodes) {
                    try (RespClient client = client(node)) {
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
    }

    private static NodeConfig.Builder node(String rack, int peerPort, String seed) {
        return NodeConfig.builder()
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .dynListen(new HostPort("127.0.0.1", peerPort)).dynSeeds(List.of(seed))
                .datacenter("dc1").rack(rack).tokens(List.of(0L))
                .readConsistency(ConsistencyLevel.DC_ONE).writeConsistency(ConsistencyLevel.DC_SAFE_QUORUM)
                .ioThreads(1);
    }

    private static RespClient client(DynojNode node) {
        return new RespClient("127.0.0.1", node.clientAddress().getPort());
    }
}
