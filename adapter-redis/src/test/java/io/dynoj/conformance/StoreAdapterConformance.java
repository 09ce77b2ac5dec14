package io.dynoj.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.RespClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit for a store adapter (an {@link io.dynoj.core.storage.StoreProvider}): extend
 * it in the adapter's tests, say how a node is configured on the store, and it proves with real
 * nodes and sockets that the store serves Redis clients, answers their errors as Redis does, keeps
 * its data across a restart (when it says it is persistent), and routes and replicates in a
 * cluster. Ships in adapter-redis's test-jar; see docs/ADAPTERS.md. The store's own contract (order,
 * batches, snapshots) is {@code OrderedStoreContract} in framework-core's test-jar.
 */
public abstract class StoreAdapterConformance {

    private static final long HALF = 2147483647L;
    private static final long TOP = 4294967295L;

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
        try (DynojNode node = start(single(0))) {
            try (RespClient c = client(node)) {
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
        try (DynojNode node = start(single(0)); RespClient c = client(node)) {
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
        try (DynojNode node = start(single(0)); RespClient c = client(node)) {
            assertThat(c.call("SET", "short", "v", "PX", "50")).isEqualTo("OK");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.call("GET", "short") == null);
            assertThat(c.call("EXISTS", "short")).isEqualTo(0L);
        }
    }

    @Test
    void keepsItsDataAcrossARestart() {
        assumeTrue(persistent(), datastoreType() + " keeps nothing across a restart, by design");
        try (DynojNode node = start(single(0)); RespClient c = client(node)) {
            for (int i = 0; i < 100; i++) {
                c.call("SET", "key" + i, "value" + i);
            }
            c.call("HSET", "hash", "f", "v");
        }
        try (DynojNode node = start(single(0)); RespClient c = client(node)) {
            assertThat(c.call("DBSIZE")).isEqualTo(101L);
            assertThat(c.call("GET", "key99")).isEqualTo("value99".getBytes());
            assertThat(c.call("HGET", "hash", "f")).isEqualTo("v".getBytes());
        }
    }

    @Test
    void routesAndReplicatesInACluster() {
        // Two racks of two nodes: each rack splits the keys over its nodes and holds all of them.
        List<int[]> places = List.of(new int[] {1, 0}, new int[] {1, 1}, new int[] {2, 0}, new int[] {2, 1});
        List<Integer> peerPorts = new ArrayList<>();
        places.forEach(p -> peerPorts.add(FreePorts.next()));
        List<DynojNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < places.size(); i++) {
                List<String> seeds = new ArrayList<>();
                for (int j = 0; j < places.size(); j++) {
                    if (j != i) {
                        seeds.add("127.0.0.1:" + peerPorts.get(j) + ":r" + places.get(j)[0] + ":dc1:"
                                + (places.get(j)[1] == 0 ? HALF : TOP));
                    }
                }
                NodeConfig.Builder b = single(i).dynListen(new HostPort("127.0.0.1", peerPorts.get(i)))
                        .dynSeeds(seeds).datacenter("dc1").rack("r" + places.get(i)[0])
                        .tokens(List.of(places.get(i)[1] == 0 ? HALF : TOP))
                        .writeConsistency(ConsistencyLevel.DC_SAFE_QUORUM);
                nodes.add(new DynojNode(b.build()).start());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().allMatch(DynojNode::peersConnected));
            int keys = 100;
            try (RespClient c = client(nodes.get(0))) {
                for (int i = 0; i < keys; i++) {
                    assertThat(c.call("SET", "key" + i, "value" + i)).isEqualTo("OK");
                }
            }
            for (int rack = 0; rack < 2; rack++) {
                long held = 0;
                for (int n = 0; n < 2; n++) {
                    try (RespClient c = client(nodes.get(rack * 2 + n))) {
                        held += (Long) c.call("DBSIZE");
                    }
                }
                assertThat(held).as("keys held by rack r%d", rack + 1).isEqualTo(keys);
            }
            for (DynojNode node : nodes) {
                try (RespClient c = client(node)) {
                    for (int i = 0; i < keys; i++) {
                        assertThat(c.call("GET", "key" + i)).isEqualTo(("value" + i).getBytes());
                    }
                }
            }
        } finally {
            nodes.forEach(DynojNode::close);
        }
    }

    /** A node alone on the store, its data in its own directory. */
    private NodeConfig.Builder single(int index) {
        Path dataDir = dataRoot.resolve("node" + index);
        NodeConfig.Builder b = NodeConfig.builder()
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .datastoreType(datastoreType()).dataDir(dataDir).ioThreads(1);
        configure(b, index, dataDir);
        return b;
    }

    private static DynojNode start(NodeConfig.Builder config) {
        return new DynojNode(config.build()).start();
    }

    private static RespClient client(DynojNode node) {
        return new RespClient("127.0.0.1", node.clientAddress().getPort());
    }
}
