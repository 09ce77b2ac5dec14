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
import io.dynoj.testkit.Binaries;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.TestCertificates;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A 3-rack cluster whose peer links are mutual TLS ({@code secure_server_option: rack}) and whose nodes
 * serve clients in plain text on {@code listen} and in TLS on {@code listen_tls}: real TLS clients (Jedis,
 * Lettuce, redis-cli, openssl) against it, a peer with a certificate of another CA, plain text on the TLS
 * port, and a certificate replaced while the node runs.
 */
class TlsClusterIT {

    @TempDir
    static Path dir;

    private static TestCertificates ca;
    private static ClusterFixture cluster;
    private static final List<TestCertificates.Issued> certs = new ArrayList<>();

    @BeforeAll
    static void start() {
        ca = TestCertificates.authority(dir, "cluster-ca");
        for (int i = 0; i < 3; i++) {
            certs.add(ca.issue("node" + i));
        }
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.store("memory"))
                .configureEach((config, i, data) -> config.tls().certFile(certs.get(i).certFile())
                        .keyFile(certs.get(i).keyFile()).caFile(ca.caFile())
                        .listenTls(new HostPort("127.0.0.1", 0))
                        .secureServerOption(SecureServerOption.RACK).reloadIntervalMillis(100))
                .start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int tlsPort(int node) {
        return cluster.node(node).clientTlsAddress().getPort();
    }

    private static long counter(DynojNode node, String name) {
        return node.metrics().counter(name).getCount();
    }

    private static Jedis jedis(int node) {
        return new Jedis(new HostAndPort("127.0.0.1", tlsPort(node)), DefaultJedisClientConfig.builder()
                .ssl(true).sslSocketFactory(ca.trustingContext().getSocketFactory()).build());
    }

    @Test
    void everyPeerLinkIsMutualTls() {
        for (DynojNode node : cluster.nodes()) {
            // Each node accepted the two other racks' links in TLS, and opened its own two in TLS.
            assertThat(counter(node, "tls.peer_server.handshakes")).isGreaterThanOrEqualTo(2);
            assertThat(counter(node, "tls.peer_links.handshakes")).isGreaterThanOrEqualTo(2);
            assertThat(counter(node, "tls.peer_server.handshake_failures")).isZero();
        }
    }

    @Test
    void jedisOverTlsWritesReachEveryRack() {
        try (Jedis writer = jedis(0)) {
            assertThat(writer.set("tls:jedis", "secret")).isEqualTo("OK");
        }
        for (int node = 1; node < 3; node++) {
            try (Jedis reader = jedis(node)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> "secret".equals(reader.get("tls:jedis")));
            }
        }
    }

    @Test
    void lettuceOverTlsVerifiesTheNodeAndWorks() {
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                .trustManager(ca.caFile().toFile()).build()).build());
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(tlsPort(1)).withSsl(true)
                .withVerifyPeer(SslVerifyMode.FULL).build();
        try (StatefulRedisConnection<String, String> c = client.connect(uri)) {
            assertThat(c.sync().set("tls:lettuce", "v1")).isEqualTo("OK");
            assertThat(c.sync().get("tls:lettuce")).isEqualTo("v1");
            assertThat(c.sync().incr("tls:lettuce:n")).isEqualTo(1L);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        try (Jedis other = jedis(2)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "v1".equals(other.get("tls:lettuce")));
        }
    }

    @Test
    void redisCliWithTls() throws Exception {
        String cli = Binaries.require("redis-cli", "redis-tools").toString();
        List<String> base = List.of(cli, "--tls", "--cacert", ca.caFile().toString(), "-h", "127.0.0.1",
                "-p", Integer.toString(tlsPort(2)));
        assertThat(run(concat(base, "SET", "tls:cli", "hello tls")).output().trim()).isEqualTo("OK");
        assertThat(run(concat(base, "GET", "tls:cli")).output().trim()).isEqualTo("hello tls");
    }

    @Test
    void redisPyWithTlsVerifiesTheNodeAndWorks() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import redis").start().waitFor() != 0) {
            Binaries.require("python3-redis-module-missing", "python3-redis");
        }
        Path script = dir.resolve("redis_py_tls_check.py");
        try (InputStream in = TlsClusterIT.class.getResourceAsStream("/clients/redis_py_tls_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Result py = run(List.of(python.toString(), script.toString(), Integer.toString(tlsPort(0)), ca.caFile().toString()));
        assertThat(py.output().trim()).as(py.output()).isEqualTo("OK");
        try (Jedis other = jedis(1)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "from python".equals(other.get("tls:py")));
        }
    }

    @Test
    void tls11IsRefusedAndTls12Accepted() throws Exception {
        String openssl = Binaries.require("openssl", "openssl").toString();
        String target = "127.0.0.1:" + tlsPort(0);
        // SECLEVEL=0 lets openssl itself offer TLS 1.1, so that the refusal is the node's.
        Result old = run(List.of(openssl, "s_client", "-connect", target, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0",
                "-CAfile", ca.caFile().toString()));
        assertThat(old.exit()).as(old.output()).isNotZero();
        assertThat(old.output()).containsIgnoringCase("protocol version");
        Result current = run(List.of(openssl, "s_client", "-connect", target, "-tls1_2",
                "-CAfile", ca.caFile().toString()));
        assertThat(current.exit()).as(current.output()).isZero();
        assertThat(current.output()).contains("Protocol  : TLSv1.2").contains("Verify return code: 0 (ok)");
    }

    @Test
    void plainTextToTheTlsPortGetsNoDataAndIsCounted() throws Exception {
        DynojNode node = cluster.node(1);
        long before = counter(node, "tls.clients.plaintext_refused");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", tlsPort(1)), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("SET tls:plain x\r\nGET tls:plain\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(in.readAllBytes()).as("what came back before the node closed").isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> counter(node, "tls.clients.plaintext_refused") == before + 1);
        try (Jedis jedis = jedis(1)) {
            assertThat(jedis.get("tls:plain")).isNull();
        }
    }

    @Test
    void aPeerWithACertificateOfAnotherCaIsRefused() {
        TestCertificates rogueCa = TestCertificates.authority(dir, "rogue-ca");
        TestCertificates.Issued rogue = rogueCa.issue("rogue");
        List<Long> failures = cluster.nodes().stream().map(n -> counter(n, "tls.peer_server.handshake_failures")).toList();
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Place p = cluster.places().get(i);
            seeds.add("127.0.0.1:" + cluster.node(i).peerAddress().getPort() + ":" + p.rack() + ":" + p.dc() + ":" + p.token());
        }
        // It trusts the cluster's CA, so the refusal is the cluster's: its own certificate is not the CA's.
        try (NodeFixture intruder = NodeFixture.builder("redis", Backend.store("memory")).configure(c -> {
            c.datacenter("dc1").rack("r4").tokens(List.of(Place.TOP)).dynListen(new HostPort("127.0.0.1", FreePorts.next()))
                    .dynSeeds(seeds).clusterName(cluster.node(0).config().clusterName());
            c.tls().certFile(rogue.certFile()).keyFile(rogue.keyFile()).caFile(ca.caFile())
                    .secureServerOption(SecureServerOption.RACK);
        }).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (int i = 0; i < 3; i++) {
                    if (counter(cluster.node(i), "tls.peer_server.handshake_failures") <= failures.get(i)) {
                        return false;
                    }
                }
                return true;
            });
            assertThat(intruder.node().peersConnected()).isFalse();
            try (Jedis plain = new Jedis("127.0.0.1", intruder.port())) {
                plain.set("tls:intruder", "injected"); // stored in its own rack only, replicated nowhere
            }
            try (Jedis member = jedis(0)) {
                assertThat(member.get("tls:intruder")).isNull();
            }
        }
    }

    @Test
    void aReplacedCertificateIsUsedByNewConnections() throws Exception {
        Certificate before = presented(tlsPort(0));
        assertThat(before).isEqualTo(readCertificate(certs.get(0).certFile()));
        ca.issue("node0"); // new key and certificate, same files
        Certificate replaced = readCertificate(certs.get(0).certFile());
        assertThat(replaced).isNotEqualTo(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> presented(tlsPort(0)).equals(replaced));
        // The peers still accept it: signed by the same CA.
        try (Jedis jedis = jedis(0)) {
            jedis.set("tls:after-reload", "yes");
        }
        try (Jedis other = jedis(1)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "yes".equals(other.get("tls:after-reload")));
        }
    }

    private static Certificate presented(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) ca.trustingContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    private static Certificate readCertificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private record Result(int exit, String output) {
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(p.exitValue(), output);
    }
}
