package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.SecureServerOption;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.TestCertificates;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Which peer links secure_server_option encrypts, seen from the nodes' TLS counters, and the peer port of {@code all}. */
class PeerTlsOptionsIT {

    @TempDir
    Path dir;

    private ClusterFixture cluster(List<Place> places, SecureServerOption option) {
        TestCertificates ca = TestCertificates.authority(dir, "ca");
        List<TestCertificates.Issued> certs = places.stream().map(p -> ca.issue(p.dc() + "-" + p.rack())).toList();
        return ClusterFixture.builder(places, "redis", Backend.store("memory"))
                .configureEach((c, i, data) -> c.tls().certFile(certs.get(i).certFile()).keyFile(certs.get(i).keyFile())
                        .caFile(ca.caFile()).secureServerOption(option))
                .start();
    }

    private static long counter(DynojNode node, String name) {
        return node.metrics().counter(name).getCount();
    }

    @Test
    void datacenterEncryptsTheLinksBetweenDatacentersOnly() {
        // dc1/r1 and dc1/r2 talk in plain text; each of them and dc2/r1 in TLS. One connection per peer.
        List<Place> places = List.of(new Place("dc1", "r1", Place.TOP), new Place("dc1", "r2", Place.TOP),
                new Place("dc2", "r1", Place.TOP));
        try (ClusterFixture cluster = cluster(places, SecureServerOption.DATACENTER)) {
            assertThat(counter(cluster.node(0), "tls.peer_links.handshakes")).isEqualTo(1);
            assertThat(counter(cluster.node(1), "tls.peer_links.handshakes")).isEqualTo(1);
            assertThat(counter(cluster.node(2), "tls.peer_links.handshakes")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> counter(cluster.node(0), "tls.peer_server.handshakes") == 1
                    && counter(cluster.node(1), "tls.peer_server.handshakes") == 1
                    && counter(cluster.node(2), "tls.peer_server.handshakes") == 2);
            try (Jedis dc1 = new Jedis("127.0.0.1", cluster.clientPort(0))) {
                dc1.set("tls:dc", "both ways");
            }
            for (int node = 1; node < 3; node++) {
                try (Jedis other = new Jedis("127.0.0.1", cluster.clientPort(node))) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> "both ways".equals(other.get("tls:dc")));
                }
            }
            aNodeOfTheOtherDatacenterCannotSkipTls(cluster);
        }
    }

    /** A node that says it is dc2's node but connects in plain text (no secure_server_option) is refused. */
    private void aNodeOfTheOtherDatacenterCannotSkipTls(ClusterFixture cluster) {
        long refused0 = counter(cluster.node(0), "peer_server.refused");
        long refused1 = counter(cluster.node(1), "peer_server.refused");
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Place p = cluster.places().get(i);
            seeds.add("127.0.0.1:" + cluster.node(i).peerAddress().getPort() + ":" + p.rack() + ":" + p.dc() + ":" + p.token());
        }
        try (NodeFixture impostor = NodeFixture.builder("redis", Backend.store("memory")).configure(c -> c
                .datacenter("dc2").rack("r1").tokens(List.of(Place.TOP)).dynSeeds(seeds)
                .dynListen(new HostPort("127.0.0.1", FreePorts.next()))
                .clusterName(cluster.node(0).config().clusterName()).nodeId(cluster.node(2).config().nodeId())).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> counter(cluster.node(0), "peer_server.refused") > refused0
                    && counter(cluster.node(1), "peer_server.refused") > refused1);
            assertThat(impostor.node().peersConnected()).isFalse();
            try (Jedis plain = new Jedis("127.0.0.1", impostor.port())) {
                plain.set("tls:impostor", "injected");
            }
            try (Jedis member = new Jedis("127.0.0.1", cluster.clientPort(0))) {
                assertThat(member.get("tls:impostor")).isNull();
            }
        }
    }

    @Test
    void withAllThePeerPortClosesPlainTextUnanswered() throws Exception {
        try (ClusterFixture cluster = cluster(Place.racks("dc1", 2, 1), SecureServerOption.ALL)) {
            DynojNode node = cluster.node(0);
            assertThat(counter(node, "tls.peer_server.handshakes")).isPositive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", node.peerAddress().getPort()), 5000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("a plain hello from nowhere\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                assertThat(in.readAllBytes()).isEmpty(); // closed, nothing said
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> counter(node, "tls.peer_server.plaintext_refused") == 1);
        }
    }
}
