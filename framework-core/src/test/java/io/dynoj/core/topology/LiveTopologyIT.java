package io.dynoj.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocol;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.fake.MapDatastoreProvider;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.RawSocket;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose topology changes while it serves: two nodes of one rack learn each other from a
 * Florida seed endpoint (a real HTTP server), and a node joins and leaves by the seed list changing.
 */
class LiveTopologyIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long HALF = 1L << 31;

    private LineProtocol lineProtocol;
    private HttpServer florida;
    private final AtomicReference<String> seeds = new AtomicReference<>("");
    private final List<NodeFixture> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        lineProtocol = LineProtocol.install();
        florida = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        florida.createContext("/REST/v1/admin/get_seeds", exchange -> {
            byte[] body = seeds.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        florida.start();
    }

    @AfterEach
    void stop() {
        nodes.forEach(NodeFixture::close);
        florida.stop(0);
        lineProtocol.close();
    }

    @Test
    void aNodeThatStartsAloneIsJoinedAndLeftWhileItServes() {
        int peerA = FreePorts.next();
        int peerB = FreePorts.next();
        String seedA = "127.0.0.1:" + peerA + ":r1:dc1:0";
        String seedB = "127.0.0.1:" + peerB + ":r1:dc1:" + HALF;
        seeds.set(seedA);
        DynojNode a = start(peerA, 0);
        assertThat(a.topology().nodes()).hasSize(1);
        assertThat(a.topologySource()).startsWith("florida_provider http://127.0.0.1:");
        long alone = a.topology().version();
        List<String> keys = keys("before", 40);
        write(a, keys);
        assertThat(peek(a, keys)).doesNotContainNull();

        // B starts and is published: A opens a link to it and routes its half of the keys there.
        seeds.set(seedA + "|" + seedB);
        DynojNode b = start(peerB, HALF);
        await().atMost(WAIT).until(() -> a.topology().nodes().size() == 2 && a.peersConnected());
        assertThat(a.topology().version()).isGreaterThan(alone);
        List<String> joined = keys("joined", 60);
        write(a, joined);
        List<String> onA = peek(a, joined);
        List<String> onB = peek(b, joined);
        for (int i = 0; i < joined.size(); i++) {
            assertThat(onA.get(i) == null ^ onB.get(i) == null).as("%s on exactly one node", joined.get(i)).isTrue();
        }
        assertThat(onB).as("B owns half the ring").anyMatch(v -> v != null);
        assertThat(a.metrics().getGauges()).containsKey(io.dynoj.core.peer.PeerMetrics.prefix("dc1/r1/127.0.0.1:" + peerB) + ".connections");

        // B leaves the list: A drains and closes its link, and serves every key itself again.
        long withB = a.topology().version();
        seeds.set(seedA);
        await().atMost(WAIT).until(() -> a.topology().version() > withB);
        assertThat(a.topology().nodes()).hasSize(1);
        assertThat(a.metrics().getGauges()).doesNotContainKey(io.dynoj.core.peer.PeerMetrics.prefix("dc1/r1/127.0.0.1:" + peerB) + ".connections");
        List<String> after = keys("after", 40);
        write(a, after);
        assertThat(peek(a, after)).doesNotContainNull();
        assertThat(peek(b, after)).containsOnlyNulls();
    }

    @Test
    void aPeerWhoseTokensChangeKeepsItsLinkAndNoRequestFindsItMissing() throws Exception {
        int peerA = FreePorts.next();
        int peerB = FreePorts.next();
        String seedA = "127.0.0.1:" + peerA + ":r1:dc1:0";
        seeds.set(seedA + "|127.0.0.1:" + peerB + ":r1:dc1:" + HALF);
        DynojNode a = start(peerA, 0);
        start(peerB, HALF);
        await().atMost(WAIT).until(a::peersConnected);
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try (RawSocket socket = new RawSocket(a.clientAddress().getPort())) {
                for (int i = 0; writing.get(); i++) {
                    String reply = socket.call("SET moving:" + i + " v\n");
                    if (!reply.equals("OK")) {
                        failures.add(reply);
                    }
                }
            }
        });
        writer.start();
        for (int change = 1; change <= 4; change++) {
            long before = a.topology().version();
            seeds.set(seedA + "|127.0.0.1:" + peerB + ":r1:dc1:" + (HALF + change * 1000L));
            await().atMost(WAIT).until(() -> a.topology().version() > before);
        }
        writing.set(false);
        writer.join(10_000);
        assertThat(failures).as("writes through A while B's tokens changed").isEmpty();
        assertThat(a.metrics().counter(io.dynoj.core.peer.PeerMetrics.prefix("dc1/r1/127.0.0.1:" + peerB) + ".requests").getCount()).as("requests A sent to B").isPositive();
        assertThat(a.peersConnected()).isTrue();
    }

    private DynojNode start(int peerPort, long token) {
        ObjectMapper json = new ObjectMapper();
        NodeFixture node = NodeFixture.builder(LineProtocolAdapter.NAME, Backend.store(MapDatastoreProvider.TYPE))
                .configure(c -> c.dynListen(new HostPort("127.0.0.1", peerPort)).datacenter("dc1").rack("r1")
                        .tokens(List.of(token)).dynSeedProvider("florida_provider")
                        .section("florida_provider", json.createObjectNode().put("ip", "127.0.0.1")
                                .put("port", florida.getAddress().getPort()).put("interval", 100)))
                .start();
        nodes.add(node);
        return node.node();
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
