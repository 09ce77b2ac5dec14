package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import io.dynoj.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A node whose datastore is a redis-server reached only over TLS ({@code datastore_tls}): the server
 * verifies the node's client certificate (Redis's default {@code tls-auth-clients yes}), the node
 * verifies the server's against {@code tls_ca_file} and its name.
 */
class DatastoreTlsIT {

    @TempDir
    static Path dir;

    private static TestCertificates ca;
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        ca = TestCertificates.authority(dir, "datastore-ca");
        TestCertificates.Issued server = ca.issue("redis");
        redis = RedisServer.startTls(server.certFile(), server.keyFile(), ca.caFile());
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static NodeFixture node(TestCertificates.Issued client) {
        return NodeFixture.builder("redis", Backend.store("memory")).configure(c -> {
            c.datastoreType("redis").servers(List.of(new ServerAddress(new HostPort("127.0.0.1", redis.tlsPort()), 1, null)));
            c.tls().datastoreTls(true).caFile(ca.caFile()).certFile(client.certFile()).keyFile(client.keyFile());
        }).start();
    }

    @Test
    void requestsReachTheServerOverTls() {
        try (NodeFixture node = node(ca.issue("node")); Jedis jedis = new Jedis("127.0.0.1", node.port())) {
            assertThat(jedis.set("tls:backend", "over tls")).isEqualTo("OK");
            assertThat(jedis.get("tls:backend")).isEqualTo("over tls");
            assertThat(node.node().metrics().counter("tls.datastore.handshakes").getCount()).isPositive();
            // The value is in the server itself (read on its plain port).
            try (RespClient direct = redis.client()) {
                assertThat(direct.call("GET", "tls:backend")).isEqualTo("over tls".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void aNodeWhoseCertificateTheServerDoesNotTrustGetsErrorsNotHangs() {
        TestCertificates other = TestCertificates.authority(dir, "other-ca");
        try (NodeFixture node = node(other.issue("stranger")); Jedis jedis = new Jedis("127.0.0.1", node.port())) {
            assertThatThrownBy(() -> jedis.set("tls:stranger", "x")).hasMessageContaining("datastore");
        }
    }
}
