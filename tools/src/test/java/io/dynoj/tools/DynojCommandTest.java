package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.dynoj.core.plugin.ProviderLoader;
import io.dynoj.core.topology.TopologySourceProvider;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynojCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DynojCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionAndHelp() {
        assertThat(run("-V")).isZero();
        assertThat(out.toString()).startsWith("dynoj ");
        assertThat(run("-h")).isZero();
        assertThat(out.toString()).contains("--conf-file", "--test-conf");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-option");
    }

    @Test
    void testConfigReportsInvalidFileAndExitsOne() throws IOException {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "dyn_o_mite:\n  listen: 127.0.0.1:8102\n  bogus: 1\n");
        assertThat(run("-t", "-c", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is invalid").contains("'bogus'");
    }

    @Test
    void testConfigNamesTheMissingAdapter() throws IOException {
        // framework-core alone has no adapters: the message lists what it found (none).
        Path file = dir.resolve("redis.yml");
        Files.writeString(file, "dyn_o_mite:\n  listen: 127.0.0.1:8102\n  servers:\n  - 127.0.0.1:6379:1\n");
        assertThat(run("-t", "-c", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no protocol adapter named 'redis' is installed; found: []");
    }

    @Test
    void checkConfigRefusesTlsWithoutItsFiles() throws IOException {
        // Dynomite's own key scheme is not Dynoj's: encrypted peer links need a certificate and the CA.
        Path file = dir.resolve("secure.yml");
        Files.writeString(file, "dyn_o_mite:\n  secure_server_option: datacenter\n  pem_key_file: conf/dynomite.pem\n");
        assertThat(run("check-config", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("secure_server_option: datacenter needs tls_cert_file").contains("tls_ca_file");
    }

    @Test
    void checkConfigExitCodes() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "dyn_o_mite:\n  listen: nowhere\n");
        assertThat(run("check-config", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is invalid").contains("'listen'");
        assertThat(run("check-config", dir.resolve("missing.yml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("does not exist");
        assertThat(run("check-config")).isEqualTo(2); // no file given
    }

    @Test
    void toolsThatNeedANodeSayWhenItIsNotThere() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        assertThat(run("status", "--admin", "127.0.0.1:" + port)).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the admin port 127.0.0.1:" + port);
        assertThat(run("ring", "-a", "127.0.0.1:" + port)).isEqualTo(1);
    }

    @Test
    void localClusterRefusesAnUnknownTopology() {
        assertThat(run("local-cluster", "--topology", "gossip")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown topology 'gossip'; expected static or zookeeper");
    }

    @Test
    void localClusterOnZooKeeperNeedsTheCoordinator() {
        assumeFalse(ProviderLoader.available(TopologySourceProvider.class, TopologySourceProvider::type)
                .contains("zookeeper"), "the coordinator is on this class path");
        assertThat(run("local-cluster", "--topology", "zookeeper", "--base-port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("no topology source (dyn_seed_provider) adapter named 'zookeeper' is installed");
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("-h")).isZero();
        assertThat(out.toString()).contains("check-config", "hash", "ring", "status", "local-cluster");
    }
}
