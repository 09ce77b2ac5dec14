package io.dynoj.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit for a store adapter (an {@link io.dynoj.core.storage.StoreProvider}): extend
 * it in the adapter's tests, say how a node is configured on the store, and it proves with real
 * nodes and sockets that the store serves Redis clients, answers their errors as Redis does, keeps
 * its data across a restart (when it says it is persistent), and routes and replicates in a
 * cluster. Ships in adapter-redis's test-jar; see docs/ADAPTERS.md. The store's own contract (order,
 * batches, snapshots) is {@code OrderedStoreContract} in framework-core's test-jar, next to the node
 * fixtures this kit starts its nodes with.
 */
public abstract class StoreAdapterConformance {

    @TempDir
    protected Path dataRoot;

    /** The datastore type the adapter registers, e.g. {@code "leveldb"}. */
    protected abstract String datastoreType();

    /**
     * Adds what a node needs to use the store (its config section, e.g. a database URL). Node
     * {@code index} of a test has {@code dataDir} of its own; a store sharing a server between
     * nodes must give each node its own space (a table, a database).
     */
    protected void configure(NodeConfig.Builder node, int index, Path dataDir) {
    }

    /** Whether the store keeps its data across a node restart. */
    protected boolean persistent() {
        return true;
    }

    @Test
    void servesRedisCommandsOnOneNode() {
        try (NodeFixture node = start(0)) {
            try (RespClient c = client(node.port())) {
                assertThat(c.call("SET", "greeting", "hello")).isEqualTo("OK");
                assertThat(c.call("GET", "greeting")).isEqualTo("hello".getBytes());
                assertThat(c.call("INCRBY", "counter", "41")).isEqualTo(41L);
                assertThat(c.call("INCR", "counter")).isEqualTo(42L);
                assertThat(c.call("HSET", "hash", "f", "v", "g", "w")).isEqualTo(2L);
                assertThat(c.call("RPUSH", "list", "a", "b", "c")).isEqualTo(3L);
                assertThat(c.call("ZADD", "zset", "2", "two", "1", "one")).isEqualTo(2L);
                assertThat(c.call("ZRANGE", "zset", "0", "-1")).asList()
                        .containsExactly("one".getBytes(), "two".getBytes());
                assertThat(c.call("SADD", "set", "x")).isEqualTo(1L);
                assertThat(c.call("DBSIZE")).isEqualTo(6L);
                assertThat(c.call("DEL", "set", "missing")).isEqualTo(1L);
                // Binary keys and values, and a value of a megabyte, come back byte for byte.
                byte[] big = new byte[1 << 20];
                for (int i = 0; i < big.length; i++) {
                    big[i] = (byte) i;
                }
                c.call("SET".getBytes(), new byte[] {0, (byte) 0xFF, '\r', '\n'}, big);
                assertThat(c.call("GET".getBytes(), new byte[] {0, (byte) 0xFF, '\r', '\n'})).isEqualTo(big);
            }
        }
    }

    @Test
    void answersErrorsAsRedisDoes() {
        try (NodeFixture node = start(0); RespClient c = client(node.port())) {
            c.call("SET", "text", "abc");
            assertThatThrownBy(() -> c.call("INCR", "text")).hasMessage("ERR value is not an integer or out of range");
            assertThatThrownBy(() -> c.call("LPUSH", "text", "x"))
                    .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
            assertThatThrownBy(() -> c.call("SET", "k", "v", "EX", "0")).hasMessage("ERR invalid expire time in 'set' command");
            assertThatThrownBy(() -> c.call("GET")).hasMessage("ERR wrong number of arguments for 'get' command");
            assertThat(c.call("GET", "text")).as("the connection still serves after errors").isEqualTo("abc".getBytes());
        }
    }

    @Test
    void expiredKeysAreGone() {
        try (NodeFixture node = start(0); RespClient c = client(node.port())) {
            assertThat(c.call("SET", "short", "v", "PX", "50")).isEqualTo("OK");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.call("GET", "short") == null);
            assertThat(c.call("EXISTS", "short")).isEqualTo(0L);
        }
    }

    @Test
    void keepsItsDataAcrossARestart() {
        assumeTrue(persistent(), datastoreType() + " keeps nothing across a restart, by design");
        try (NodeFixture node = start(0); RespClient c = client(node.port())) {
            for (int i = 0; i < 100; i++) {
                c.call("SET", "key" + i, "value" + i);
            }
            c.call("HSET", "hash", "f", "v");
        }
        try (NodeFixture node = start(0); RespClient c = client(node.port())) {
            assertThat(c.call("DBSIZE")).isEqualTo(101L);
            assertThat(c.call("GET", "key99")).isEqualTo("value99".getBytes());
            assertThat(c.call("HGET", "hash", "f")).isEqualTo("v".getBytes());
        }
    }

    @Test
    void routesAndReplicatesInACluster() {
        // Two racks of two nodes: each rack splits the keys over its nodes and holds all of them.
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 2, 2), "redis",
                        Backend.store(datastoreType()))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_SAFE_QUORUM)
                .dataRoot(dataRoot).configureEach(this::configure).start()) {
            int keys = 100;
            try (RespClient c = client(cluster.clientPort(0))) {
                for (int i = 0; i < keys; i++) {
                    assertThat(c.call("SET", "key" + i, "value" + i)).isEqualTo("OK");
                }
            }
            for (List<Integer> rack : cluster.racks()) {
                long held = 0;
                for (int node : rack) {
                    try (RespClient c = client(cluster.clientPort(node))) {
                        held += keysHeldHere(c);
                        assertThat(c.call("DBSIZE")).as("DBSIZE counts node %d's rack", node).isEqualTo((long) keys);
                    }
                }
                assertThat(held).as("keys held by the rack of nodes %s", rack).isEqualTo(keys);
            }
            for (int node = 0; node < cluster.size(); node++) {
                try (RespClient c = client(cluster.clientPort(node))) {
                    for (int i = 0; i < keys; i++) {
                        assertThat(c.call("GET", "key" + i)).isEqualTo(("value" + i).getBytes());
                    }
                }
            }
        }
    }

    /** Node {@code index} alone on the store, its data in its own directory (the same one on a restart). */
    private NodeFixture start(int index) {
        Path dataDir = dataRoot.resolve("node" + index);
        return NodeFixture.builder("redis", Backend.store(datastoreType())).dataDir(dataDir)
                .configure(c -> configure(c.ioThreads(1), index, dataDir)).start();
    }

    private static RespClient client(int port) {
        return new RespClient("127.0.0.1", port);
    }

    /**
     * The keys the node's own datastore holds, from INFO keyspace (which stays the node's own, while DBSIZE
     * counts the node's whole rack in a cluster).
     */
    public static long keysHeldHere(RespClient node) {
        String info = new String((byte[]) node.call("INFO", "keyspace"), StandardCharsets.UTF_8);
        Matcher keys = Pattern.compile("db0:keys=(\\d+)").matcher(info);
        return keys.find() ? Long.parseLong(keys.group(1)) : 0;
    }
}
