package io.dynoj.core.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocol;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.fake.MapDatastoreProvider;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.RawSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In-process nodes with {@code enable_gossip: true}, each configured with one seed only (the first
 * node): they learn each other by gossip, a late joiner is routed to, a replacement takes its token.
 */
class GossipMembershipIT {

    private static final long INTERVAL = 100;
    /** Ten rounds, plus the time to open links and start: generous for a loaded 2-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long HALF = 1L << 31;

    private LineProtocol lineProtocol;
    private final List<NodeFixture> nodes = new ArrayList<>();
    private String seed;

    @BeforeEach
    void start() {
        lineProtocol = LineProtocol.install();
    }

    @AfterEach
    void stop() {
        nodes.forEach(NodeFixture::close);
        lineProtocol.close();
    }

    private NodeFixture start(String rack, long token) {
        int peerPort = FreePorts.next();
        List<String> seeds = seed == null ? List.of() : List.of(seed);
        NodeFixture node = NodeFixture.builder(LineProtocolAdapter.NAME, Backend.store(MapDatastoreProvider.TYPE))
                .configure(c -> c.dynListen(new HostPort("127.0.0.1", peerPort)).datacenter("dc1").rack(rack)
                        .tokens(List.of(token)).dynSeeds(seeds).enableGossip(true).gosIntervalMillis(INTERVAL))
                .start();
        if (seed == null) {
            seed = "127.0.0.1:" + peerPort + ":" + rack + ":dc1:" + token;
        }
        nodes.add(node);
        return node;
    }

    private static Set<String> ring(DynojNode node) {
        return node.topology().nodes().stream().map(ClusterNode::id).collect(Collectors.toSet());
    }

    private Set<String> ids(List<NodeFixture> members) {
        return members.stream().map(n -> n.node().topology().local().id()).collect(Collectors.toSet());
    }

    private List<NodeFixture> sixNodes() {
        for (int i = 0; i < 6; i++) {
            start("r" + (i % 3), i < 3 ? 0 : HALF);
        }
        return new ArrayList<>(nodes);
    }

    private void awaitRing(List<NodeFixture> live) {
        Set<String> expected = ids(live);
        await().atMost(WAIT).until(() -> live.stream().allMatch(n -> ring(n.node()).equals(expected)
                && n.node().peersConnected()));
    }

    @Test
    void sixNodesFromOneSeedConvergeAndRouteEveryKey() {
        List<NodeFixture> six = sixNodes();
        awaitRing(six);
        List<String> keys = keys("six", 60);
        write(six.get(5).node(), keys);
        for (NodeFixture through : six) {
            // Replication to the other racks is asynchronous at DC_ONE.
            await().atMost(WAIT).untilAsserted(() -> assertThat(read(through.node(), keys))
                    .as("read through %s", through.node().topology().local()).containsOnly("VALUE v"));
        }
    }

    @Test
    void aLateJoinerIsRoutedTo() {
        List<NodeFixture> six = sixNodes();
        awaitRing(six);
        NodeFixture late = start("r1", HALF / 2);
        List<NodeFixture> seven = new ArrayList<>(six);
        seven.add(late);
        awaitRing(seven);
        List<String> keys = keys("late", 80);
        write(six.get(0).node(), keys);
        assertThat(peek(late.node(), keys)).as("the late joiner owns part of rack r1").anyMatch(v -> v != null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(read(six.get(3).node(), keys)).containsOnly("VALUE v"));
    }

    @Test
    void aReplacementWithTheSameTokenWinsEverywhere() {
        List<NodeFixture> six = sixNodes();
        awaitRing(six);
        NodeFixture old = six.get(4); // r1, token HALF
        String oldId = old.node().topology().local().id();
        old.close();
        NodeFixture replacement = start("r1", HALF);
        List<NodeFixture> live = new ArrayList<>(six);
        live.remove(old);
        live.add(replacement);
        awaitRing(live);
        for (NodeFixture n : live) {
            assertThat(ring(n.node())).doesNotContain(oldId);
        }
        List<String> keys = keys("replaced", 60);
        write(live.get(0).node(), keys);
        await().atMost(WAIT).untilAsserted(() -> assertThat(read(live.get(1).node(), keys)).containsOnly("VALUE v"));
    }

    @Test
    void aNodeInWritesOnlyIsNotReadFromByItsPeers() {
        List<NodeFixture> six = sixNodes();
        awaitRing(six);
        DynojNode reader = six.get(0).node(); // r0, token 0
        DynojNode writesOnly = six.get(3).node(); // r0, token HALF: owns part of the keys in r0
        List<String> keys = keys("state", 60);
        write(reader, keys);
        await().atMost(WAIT).untilAsserted(() -> assertThat(read(six.get(1).node(), keys)).containsOnly("VALUE v"));
        assertThat(peek(writesOnly, keys)).as("the node owns keys of rack r0").anyMatch(v -> v != null);
        writesOnly.servingState(io.dynoj.core.state.ServingState.WRITES_ONLY);
        // Its peers learn the state by gossip and read its keys from the next rack instead.
        await().atMost(WAIT).untilAsserted(() -> assertThat(read(reader, keys)).containsOnly("VALUE v"));
        assertThat(reader.metrics().counter("router.reads_failed_over.not_readable").getCount()).isPositive();
    }

    @Test
    void aDecommissionedNodeLeavesTheRingEverywhere() throws Exception {
        List<NodeFixture> six = sixNodes();
        awaitRing(six);
        NodeFixture leaving = six.get(5); // r2, token HALF
        String leavingId = leaving.node().topology().local().id();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + leaving.node().adminAddress().getPort() + "/decommission")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("leaving the ring");
        List<NodeFixture> others = six.subList(0, 5);
        await().atMost(WAIT).until(() -> others.stream().noneMatch(n -> ring(n.node()).contains(leavingId)));
        List<String> keys = keys("left", 60);
        write(six.get(2).node(), keys); // r2: every key now has its owner in r2 on the remaining node
        assertThat(peek(leaving.node(), keys)).as("nothing is routed to the node that left").containsOnlyNulls();
    }

    private static List<String> keys(String prefix, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(prefix + ":" + i);
        }
        return keys;
    }

    private static void write(DynojNode through, List<String> keys) {
        try (RawSocket socket = new RawSocket(through.clientAddress().getPort())) {
            for (String key : keys) {
                assertThat(socket.call("SET " + key + " v\n")).as("SET %s", key).isEqualTo("OK");
            }
        }
    }

    private static List<String> read(DynojNode through, List<String> keys) {
        try (RawSocket socket = new RawSocket(through.clientAddress().getPort())) {
            List<String> values = new ArrayList<>();
            for (String key : keys) {
                values.add(socket.call("GET " + key + "\n"));
            }
            return values;
        }
    }

    /** The values of {@code keys} in the node's own map ({@code null} where it has none). */
    private static List<String> peek(DynojNode node, List<String> keys) {
        try (RawSocket socket = new RawSocket(node.clientAddress().getPort())) {
            List<String> values = new ArrayList<>();
            for (String key : keys) {
                String reply = socket.call("PEEK " + key + "\n");
                values.add(reply.equals("NIL") ? null : reply.substring("VALUE ".length()));
            }
            return values;
        }
    }
}
