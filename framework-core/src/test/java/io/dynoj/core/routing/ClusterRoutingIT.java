package io.dynoj.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fake.LineProtocol;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.fake.MapDatastoreProvider;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RawSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routing, replication, consistency levels and the peer path, end to end inside framework-core: real
 * nodes in one JVM, real sockets, the fake {@link LineProtocolAdapter line protocol} over a map per
 * node. Everything is checked as a client sees it; {@code PEEK} and {@code POKE} look at and change one
 * node's own map, as a test of a real adapter would talk to the datastore behind a node.
 */
class ClusterRoutingIT {

    private static final int KEYS = 200;

    private static LineProtocol lineProtocol;
    /** Three racks of two nodes, DC_ONE: node i is in rack r(i/2 + 1). */
    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        lineProtocol = LineProtocol.install();
        cluster = cluster(2).start();
    }

    @AfterAll
    static void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            lineProtocol.close();
        }
    }

    /** Three racks of {@code nodesPerRack} nodes on the line protocol. */
    private static ClusterFixture.Builder cluster(int nodesPerRack) {
        return ClusterFixture.builder(Place.racks("dc1", 3, nodesPerRack), LineProtocolAdapter.NAME,
                Backend.store(MapDatastoreProvider.TYPE));
    }

    @Test
    void aWriteThroughOneNodeLiesOnOneNodeOfEveryRackAndEveryNodeReadsIt() {
        try (RawSocket writer = new RawSocket(cluster.clientPort(0))) {
            for (int i = 0; i < KEYS; i++) {
                assertThat(writer.call("SET spread:" + i + " v" + i + "\n")).isEqualTo("OK");
            }
        }
        // DC_ONE answers after the local rack: the others catch up in the background.
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add("spread:" + i);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (List<Integer> rack : cluster.racks()) {
                List<List<String>> held = rack.stream().map(n -> peek(cluster, n, keys)).toList();
                for (int i = 0; i < KEYS; i++) {
                    int k = i;
                    assertThat(held.stream().filter(values -> ("v" + k).equals(values.get(k))).count())
                            .as("nodes of rack %s holding spread:%d", rack, i).isEqualTo(1);
                }
            }
        });
        for (int node = 0; node < cluster.size(); node++) {
            try (RawSocket reader = new RawSocket(cluster.clientPort(node))) {
                for (int i = 0; i < KEYS; i++) {
                    assertThat(reader.call("GET spread:" + i + "\n")).as("spread:%d through node %d", i, node)
                            .isEqualTo("VALUE v" + i);
                }
            }
        }
    }

    @Test
    void aMultiKeyReadOverSeveralOwnersIsMergedInTheClientsKeyOrder() {
        List<String> keys = new ArrayList<>();
        try (RawSocket writer = new RawSocket(cluster.clientPort(3))) {
            for (int i = 0; i < 60; i++) {
                keys.add("multi:" + i);
                if (i % 3 != 0) {
                    assertThat(writer.call("SET multi:" + i + " m" + i + "\n")).isEqualTo("OK");
                }
            }
        }
        keys.add("multi:missing");
        Collections.shuffle(keys, new Random(7));
        String request = "MGET " + String.join(" ", keys) + "\n";
        StringBuilder expected = new StringBuilder("VALUES");
        for (String key : keys) {
            int i = key.equals("multi:missing") ? 0 : Integer.parseInt(key.substring("multi:".length()));
            expected.append(' ').append(i % 3 != 0 ? "m" + i : "NIL");
        }
        // Both nodes of the writer's rack hold some of the keys, so the request is split.
        List<Integer> rack = cluster.rack("dc1", "r2");
        for (int node : rack) {
            assertThat(peek(cluster, node, keys)).as("keys on node %d", node).anyMatch(Objects::nonNull);
        }
        for (int node = 0; node < cluster.size(); node++) {
            try (RawSocket reader = new RawSocket(cluster.clientPort(node))) {
                int n = node;
                // Reads in the writer's rack are immediate; the other racks may still be catching up.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(reader.call(request)).as("MGET through node %d", n).isEqualTo(expected.toString()));
            }
        }
    }

    @Test
    void pipelinedRequestsToDifferentOwnersAreAnsweredInOrder() {
        int keys = 37;
        try (RawSocket client = new RawSocket(cluster.clientPort(1))) {
            // Written before the pipeline: a write goes through its key's primary and a DC_ONE read to the
            // local rack, so a read pipelined right behind a write of its key may be served first.
            for (int k = 0; k < keys; k++) {
                assertThat(client.call("SET order:" + k + " w" + k + "\n")).isEqualTo("OK");
            }
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                pipeline.append("GET order:").append(i % keys).append('\n');
                pipeline.append("SET other:").append(i).append(' ').append(i).append('\n');
                pipeline.append(i % 50 == 0 ? "NOPE\n" : "PING\n");
            }
            client.send(pipeline.toString());
            for (int i = 0; i < 500; i++) {
                assertThat(client.readLine()).as("reply to GET %d", i).isEqualTo("VALUE w" + i % keys);
                assertThat(client.readLine()).as("reply to SET %d", i).isEqualTo("OK");
                assertThat(client.readLine()).isEqualTo(i % 50 == 0 ? "ERR unknown command 'nope'" : "PONG");
            }
        }
    }

    @Test
    void quorumWritesAreOnAMajorityWhenAnsweredAndSurviveOneClosedRackButNotTwo() {
        try (ClusterFixture racks = cluster(1)
                .consistency(ConsistencyLevel.DC_QUORUM, ConsistencyLevel.DC_QUORUM).start();
             RawSocket client = new RawSocket(racks.clientPort(0))) {
            assertThat(client.call("SET k v\n")).isEqualTo("OK");
            assertThat(holders(racks, List.of(0, 1, 2), "k", "v")).as("racks holding k once acknowledged")
                    .isGreaterThanOrEqualTo(2);

            racks.node(2).close();
            assertThat(client.call("SET k2 v2\n")).isEqualTo("OK");
            assertThat(client.call("GET k2\n")).isEqualTo("VALUE v2");
            assertThat(peek(racks, 1, "k2")).as("acknowledged at DC_QUORUM: on the other live rack").isEqualTo("v2");

            racks.node(1).close();
            assertThat(client.call("SET k3 v3\n")).startsWith("ERR DC_QUORUM not met: 2 of 3 replicas failed");
            assertThat(client.call("GET k\n")).startsWith("ERR DC_QUORUM not met: 2 of 3 replicas failed");
            assertThat(client.call("PING\n")).as("the connection stays usable").isEqualTo("PONG");

            racks.consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE);
            assertThat(client.call("GET k\n")).as("DC_ONE reads the local rack").isEqualTo("VALUE v");
        }
    }

    @Test
    void safeQuorumAnswersWhatTheMajoritySaysAndRefusesWhenTheReplicasDisagree() {
        try (ClusterFixture racks = cluster(1)
                .consistency(ConsistencyLevel.DC_SAFE_QUORUM, ConsistencyLevel.DC_SAFE_QUORUM).start();
             RawSocket client = new RawSocket(racks.clientPort(0))) {
            assertThat(client.call("SET x 1\n")).isEqualTo("OK");
            await().atMost(Duration.ofSeconds(10)).until(() -> holders(racks, List.of(0, 1, 2), "x", "1") == 3);
            assertThat(client.call("GET x\n")).isEqualTo("VALUE 1");

            try (RawSocket rack2 = new RawSocket(racks.clientPort(1))) {
                assertThat(rack2.call("POKE x 2\n")).isEqualTo("OK");
            }
            assertThat(client.call("GET x\n")).as("two of three agree").isEqualTo("VALUE 1");

            try (RawSocket rack3 = new RawSocket(racks.clientPort(2))) {
                assertThat(rack3.call("POKE x 3\n")).isEqualTo("OK");
            }
            assertThat(client.call("GET x\n")).startsWith("ERR DC_SAFE_QUORUM not met").contains("disagree");
            assertThat(client.call("SET x 4\n")).as("a write makes them agree again").isEqualTo("OK");
            assertThat(client.call("GET x\n")).isEqualTo("VALUE 4");
        }
    }

    @Test
    void badLinesGetErrorsAndTheConnectionGoesOn() {
        try (RawSocket client = new RawSocket(cluster.clientPort(5))) {
            assertThat(client.call("GET\n")).isEqualTo("ERR wrong number of arguments for 'get'");
            assertThat(client.call("SET a\n")).isEqualTo("ERR wrong number of arguments for 'set'");
            assertThat(client.call("FLY away\n")).isEqualTo("ERR unknown command 'fly'");
            assertThat(client.call("SET a b\n")).isEqualTo("OK");
            assertThat(client.call("GET a\n")).isEqualTo("VALUE b");
        }
    }

    /** How many of {@code nodes} hold {@code key} with {@code value} in their own map. */
    private static int holders(ClusterFixture on, List<Integer> nodes, String key, String value) {
        return (int) nodes.stream().filter(n -> value.equals(peek(on, n, List.of(key)).get(0))).count();
    }

    private static String peek(ClusterFixture on, int node, String key) {
        return peek(on, node, List.of(key)).get(0);
    }

    /** The values of {@code keys} in node {@code node}'s own map ({@code null} where it has none), pipelined. */
    private static List<String> peek(ClusterFixture on, int node, List<String> keys) {
        try (RawSocket socket = new RawSocket(on.clientPort(node))) {
            StringBuilder pipeline = new StringBuilder();
            keys.forEach(key -> pipeline.append("PEEK ").append(key).append('\n'));
            socket.send(pipeline.toString());
            List<String> values = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                String reply = socket.readLine();
                values.add(reply.equals("NIL") ? null : reply.substring("VALUE ".length()));
            }
            return values;
        }
    }
}
