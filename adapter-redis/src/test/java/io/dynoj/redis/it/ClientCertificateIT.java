package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.TlsClientAuth;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.Binaries;
import io.dynoj.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client_tls} (the listen port in TLS only) with {@code tls_client_auth: require}, through redis-cli. */
class ClientCertificateIT {

    @TempDir
    static Path dir;

    private static TestCertificates ca;
    private static NodeFixture node;

    @BeforeAll
    static void start() {
        ca = TestCertificates.authority(dir, "ca");
        TestCertificates.Issued server = ca.issue("server");
        node = NodeFixture.builder("redis", Backend.store("memory")).configure(c -> c.tls().clientPortTls(true)
                .certFile(server.certFile()).keyFile(server.keyFile()).caFile(ca.caFile())
                .clientAuth(TlsClientAuth.REQUIRE)).start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static List<String> cli(String... more) {
        List<String> command = new ArrayList<>(List.of(Binaries.require("redis-cli", "redis-tools").toString(),
                "--tls", "--cacert", ca.caFile().toString(), "-h", "127.0.0.1", "-p", Integer.toString(node.port())));
        command.addAll(List.of(more));
        return command;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.trim();
    }

    @Test
    void aClientWithACertificateOfTheCaIsServed() throws Exception {
        TestCertificates.Issued client = ca.issue("client");
        assertThat(run(cli("--cert", client.certFile().toString(), "--key", client.keyFile().toString(),
                "SET", "tls:cert", "yes"))).isEqualTo("OK");
    }

    @Test
    void aClientWithoutACertificateOrWithAStrangersIsNot() throws Exception {
        long failures = node.node().metrics().counter("tls.clients.handshake_failures").getCount();
        assertThat(run(cli("PING"))).doesNotContain("PONG");
        TestCertificates.Issued stranger = TestCertificates.authority(dir, "other").issue("stranger");
        assertThat(run(cli("--cert", stranger.certFile().toString(), "--key", stranger.keyFile().toString(), "PING")))
                .doesNotContain("PONG");
        org.awaitility.Awaitility.await().until(() ->
                node.node().metrics().counter("tls.clients.handshake_failures").getCount() >= failures + 2);
    }
}
