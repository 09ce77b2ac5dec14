package io.dynoj.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fake.LineProtocol;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.fake.MapDatastoreProvider;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RawSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads while a node is gone, end to end over real sockets with the fake line protocol: three racks of two
 * nodes; node 0 (rack r1) is closed, and reads through node 1, the other node of r1, must still find every
 * key, from the next rack at DC_ONE and from the live majority at DC_QUORUM, without waiting for a timeout.
 */
class ReadFailoverIT {

    private static final int KEYS = 300;

    private LineProtocol lineProtocol;
    private ClusterFixture cluster;

    @BeforeEach
    void install() {
        lineProtocol = LineProtocol.install();
    }

    /** Starts the cluster, node 1 with {@code read_failover_attempts} {@code attempts}. */
    private void start(int attempts) {
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 2), LineProtocolAdapter.NAME,
                Backend.store(MapDatastoreProvider.TYPE)).configureEach((config, index, dataDir) -> {
                    if (index == 1) {
                        config.readFailoverAttempts(attempts);
                    }
                }).start();
    }

    @AfterEach
    void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            lineProtocol.close();
        }
    }

    @Test
    void readsOfKeysWhoseLocalOwnerIsGoneAreAnsweredByTheNextRack() throws Exception {
        start(Integer.MAX_VALUE);
        List<String> keys = writeEverywhere();
        List<String> ownedByTheGoneNode = keys.stream().filter(k -> peek(0, List.of(k)).get(0) != null).toList();
        assertThat(ownedByTheGoneNode).as("keys node 0 owns in rack r1").hasSizeBetween(KEYS / 5, KEYS * 4 / 5);

        cluster.node(0).close();
        assertThat(readAll(1, keys)).as("reads through node 1 after node 0 closed").isEqualTo(values());

        MetricRegistry metrics = cluster.node(1).metrics();
        long failedOver = metrics.counter("router.reads_failed_over.unreachable").getCount()
                + metrics.counter("router.reads_failed_over.connection_error").getCount();
        assertThat(failedOver).as("reads node 1 sent on past node 0").isGreaterThanOrEqualTo(ownedByTheGoneNode.size());
        assertThat(metrics.counter("router.read_failover_exhausted").getCount()).isZero();

        JsonNode router = info(1).path("router");
        assertThat(router.path("reads_failed_over.unreachable").asLong()
                + router.path("reads_failed_over.connection_error").asLong()).as("/info router section: %s", router)
                .isEqualTo(failedOver);
        assertThat(router.has("reads_failed_over.timeout")).isTrue();
        assertThat(router.has("read_failover_exhausted")).isTrue();
    }

    /** Node {@code node}'s {@code /info}. */
    private JsonNode info(int node) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + cluster.node(node).adminAddress().getPort() + "/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void aQuorumReadDoesNotWaitForAReplicaThatIsGone() {
        start(Integer.MAX_VALUE);
        List<String> keys = writeEverywhere();
        cluster.node(0).close();
        cluster.node(1).consistency().read(ConsistencyLevel.DC_QUORUM);
        long start = System.nanoTime();
        assertThat(readAll(1, keys)).isEqualTo(values());
        // One wait for node 0 would take the peer timeout (10 s) by itself.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(cluster.node(1).metrics().counter("router.quorum_failed").getCount()).isZero();
    }

    @Test
    void withFailoverTurnedOffTheReadsOfTheGoneNodesKeysFailSayingWhy() {
        start(0);
        List<String> keys = writeEverywhere();
        List<Boolean> gone = peek(0, keys).stream().map(Objects::nonNull).toList();
        String node0 = "peer dc1/r1/127.0.0.1:" + cluster.node(0).peerAddress().getPort();
        cluster.node(0).close();
        List<String> replies = readAll(1, keys);
        for (int i = 0; i < KEYS; i++) {
            if (gone.get(i)) {
                assertThat(replies.get(i)).as("key:%d, owned by node 0", i).startsWith("ERR ").contains(node0)
                        .containsAnyOf(" is not reachable", " was lost");
            } else {
                assertThat(replies.get(i)).as("key:%d, owned by node 1", i).isEqualTo("VALUE v" + i);
            }
        }
    }

    /** Writes {@code key:i = v<i>} through node 1 and waits until every node that owns one holds it. */
    private List<String> writeEverywhere() {
        List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> "key:" + i).toList();
        try (RawSocket writer = new RawSocket(cluster.clientPort(1))) {
            for (int i = 0; i < KEYS; i++) {
                assertThat(writer.call("SET key:" + i + " v" + i + "\n")).isEqualTo("OK");
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (List<Integer> rack : cluster.racks()) {
                List<List<String>> held = rack.stream().map(n -> peek(n, keys)).toList();
                for (int i = 0; i < KEYS; i++) {
                    int k = i;
                    assertThat(held.stream().filter(values -> Objects.equals("v" + k, values.get(k))).count())
                            .as("nodes of rack %s holding key:%d", rack, i).isEqualTo(1);
                }
            }
        });
        return keys;
    }

    private static List<String> values() {
        return IntStream.range(0, KEYS).mapToObj(i -> "VALUE v" + i).toList();
    }

    /** Every key's reply through node {@code node}, pipelined. */
    private List<String> readAll(int node, List<String> keys) {
        try (RawSocket reader = new RawSocket(cluster.clientPort(node))) {
            StringBuilder pipeline = new StringBuilder();
            keys.forEach(key -> pipeline.append("GET ").append(key).append('\n'));
            reader.send(pipeline.toString());
            List<String> replies = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                replies.add(reader.readLine());
            }
            return replies;
        }
    }

    /** The values of {@code keys} in node {@code node}'s own map ({@code null} where it has none). */
    private List<String> peek(int node, List<String> keys) {
        try (RawSocket socket = new RawSocket(cluster.clientPort(node))) {
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
