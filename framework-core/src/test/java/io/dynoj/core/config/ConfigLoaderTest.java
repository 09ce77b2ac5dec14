package io.dynoj.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("node.yml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Netflix Dynomite's conf/redis_rack1_node.yml, unchanged. */
    @Test
    void readsADynomiteFileUnchanged() throws IOException {
        NodeConfig c = ConfigLoader.load(write("""
                dyn_o_mite:
                  datacenter: dc
                  rack: rack1
                  dyn_listen: 127.0.0.1:8101
                  dyn_seeds:
                  - 127.0.0.2:8101:rack2:dc:1383429731
                  - 127.0.0.3:8101:rack3:dc:1383429731
                  listen: 127.0.0.1:8102
                  servers:
                  - 127.0.0.1:22121:1
                  tokens: '1383429731'
                  secure_server_option: datacenter
                  pem_key_file: conf/dynomite.pem
                  data_store: 0
                  read_consistency : DC_SAFE_QUORUM
                  write_consistency : DC_SAFE_QUORUM
                  stats_listen: 0.0.0.0:22221
                """));
        assertThat(c.poolName()).isEqualTo("dyn_o_mite");
        assertThat(c.listen()).isEqualTo(new HostPort("127.0.0.1", 8102));
        assertThat(c.dynListen()).isEqualTo(new HostPort("127.0.0.1", 8101));
        assertThat(c.dynSeeds()).hasSize(2);
        assertThat(c.servers()).containsExactly(new ServerAddress(new HostPort("127.0.0.1", 22121), 1, null));
        assertThat(c.tokens()).containsExactly(1383429731L);
        assertThat(c.datacenter()).isEqualTo("dc");
        assertThat(c.rack()).isEqualTo("rack1");
        assertThat(c.protocol()).isEqualTo("redis");
        assertThat(c.datastoreType()).isEqualTo("redis");
        assertThat(c.readConsistency()).isEqualTo(ConsistencyLevel.DC_SAFE_QUORUM);
        assertThat(c.statsListen()).isEqualTo(new HostPort("0.0.0.0", 22221));
    }

    @Test
    void defaultsAreDynomites() throws IOException {
        NodeConfig c = ConfigLoader.load(write("""
                any_pool_name:
                  listen: 0.0.0.0:8102
                  servers:
                  - 127.0.0.1:6379:1
                  tokens: 437425602
                """));
        assertThat(c.poolName()).isEqualTo("any_pool_name");
        assertThat(c.timeoutMillis()).isEqualTo(5000);
        assertThat(c.hash()).isEqualTo("murmur");
        assertThat(c.datacenter()).isEqualTo("localdc");
        assertThat(c.rack()).isEqualTo("localrack");
        assertThat(c.datastoreConnections()).isEqualTo(1);
        assertThat(c.readConsistency()).isEqualTo(ConsistencyLevel.DC_ONE);
        assertThat(c.tokens()).containsExactly(437425602L);
    }

    @Test
    void dataStoreTakesNumbersAndNames() throws IOException {
        assertThat(ConfigLoader.load(write("p:\n  data_store: 1\n")).protocol()).isEqualTo("memcached");
        assertThat(ConfigLoader.load(write("p:\n  data_store: Redis\n")).protocol()).isEqualTo("redis");
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  data_store: 7\n")))
                .hasMessageContaining("data_store").hasMessageContaining("0 (redis), 1 (memcached)");
    }

    @Test
    void noServersMeansTheEmbeddedStore() throws IOException {
        assertThat(ConfigLoader.load(write("p:\n  listen: 127.0.0.1:1\n")).datastoreType()).isEqualTo("leveldb");
    }

    @Test
    void unknownKeyIsAnErrorNamingKeyAndFile() throws IOException {
        Path file = write("dyn_o_mite:\n  listen: 127.0.0.1:8102\n  lisen: 127.0.0.1:1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'lisen'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void badValuesNameTheKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  timeout: soon\n")))
                .hasMessageContaining("'timeout'").hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  listen: nowhere\n")))
                .hasMessageContaining("'listen'").hasMessageContaining("host:port");
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  tokens: '4294967296'\n")))
                .hasMessageContaining("32-bit");
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  read_consistency: ALL\n")))
                .hasMessageContaining("DC_QUORUM");
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  hash_tag: '{'\n")))
                .hasMessageContaining("two characters");
    }

    @Test
    void fileShapeErrors() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("a:\n  listen: 127.0.0.1:1\nb:\n  listen: 127.0.0.1:2\n")))
                .hasMessageContaining("exactly one top-level key");
        assertThatThrownBy(() -> ConfigLoader.load(write("a: 3\n"))).hasMessageContaining("map of settings");
        assertThatThrownBy(() -> ConfigLoader.load(write("a: [\n"))).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yml"))).hasMessageContaining("does not exist");
    }

    @Test
    void readFailoverAttemptsBoundReadFailoverAndZeroTurnsItOff() throws IOException {
        assertThat(ConfigLoader.load(write("p:\n  listen: 127.0.0.1:1\n")).readFailoverAttempts())
                .as("default: every replica").isEqualTo(Integer.MAX_VALUE);
        assertThat(ConfigLoader.load(write("p:\n  read_failover_attempts: 1\n")).readFailoverAttempts()).isEqualTo(1);
        assertThat(ConfigLoader.load(write("p:\n  read_failover_attempts: 0\n")).readFailoverAttempts()).isZero();
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  read_failover_attempts: -1\n")))
                .hasMessageContaining("'read_failover_attempts'").hasMessageContaining("negative");
    }

    @Test
    void failureDetectionKeysHaveSafeDefaultsAndAreChecked() throws IOException {
        NodeConfig d = ConfigLoader.load(write("p:\n  listen: 127.0.0.1:1\n"));
        assertThat(d.peerPingIntervalMillis()).isEqualTo(500);
        assertThat(d.peerDownAfterMillis()).isEqualTo(1000);
        assertThat(d.peerAcceptablePauseMillis()).isEqualTo(1500);
        assertThat(d.peerPhiSuspect()).isEqualTo(1.0);
        assertThat(d.peerPhiDown()).isEqualTo(8.0);
        NodeConfig c = ConfigLoader.load(write("p:\n  peer_ping_interval: 200\n  peer_down_after: 3000\n"
                + "  peer_acceptable_pause: 0\n  peer_phi_suspect: 2.5\n  peer_phi_down: 12\n"));
        assertThat(c.peerPingIntervalMillis()).isEqualTo(200);
        assertThat(c.peerDownAfterMillis()).isEqualTo(3000);
        assertThat(c.peerAcceptablePauseMillis()).isZero();
        assertThat(c.peerPhiSuspect()).isEqualTo(2.5);
        assertThat(c.peerPhiDown()).isEqualTo(12.0);
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  peer_phi_down: 0.5\n")))
                .hasMessageContaining("peer_phi_down").hasMessageContaining("peer_phi_suspect");
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  peer_phi_down: many\n")))
                .hasMessageContaining("'peer_phi_down'").hasMessageContaining("expected a number");
        assertThatThrownBy(() -> ConfigLoader.load(write("p:\n  peer_ping_interval: 0\n")))
                .hasMessageContaining("'peer_ping_interval'").hasMessageContaining("positive");
    }

    @Test
    void zeroMeansDefaultAsInDynomite() throws IOException {
        NodeConfig c = ConfigLoader.load(write("p:\n  timeout: 0\n  datastore_connections: 0\n"));
        assertThat(c.timeoutMillis()).isEqualTo(5000);
        assertThat(c.datastoreConnections()).isEqualTo(1);
    }

    @Test
    void parsesAddresses() {
        assertThat(ServerAddress.parse("10.0.0.1:6379:1 cache1"))
                .isEqualTo(new ServerAddress(new HostPort("10.0.0.1", 6379), 1, "cache1"));
        assertThat(HostPort.parse("[::1]:8102")).isEqualTo(new HostPort("::1", 8102));
        assertThat(ConfigKeys.tokens("1,4294967295")).isEqualTo(List.of(1L, 4294967295L));
    }

    @Test
    void aRelativeDataDirIsUnderTheHomeWhenOneIsGiven() throws IOException {
        Path home = dir.resolve("dynoj-home");
        assertThat(ConfigLoader.load(write("dyn_o_mite:\n  listen: 127.0.0.1:8102\n"), home).dataDir())
                .isEqualTo(home.resolve("data/node-8102"));
        assertThat(ConfigLoader.load(write("dyn_o_mite:\n  data_dir: db\n"), home).dataDir()).isEqualTo(home.resolve("db"));
        assertThat(ConfigLoader.load(write("dyn_o_mite:\n  data_dir: /var/lib/dynoj\n"), home).dataDir())
                .isEqualTo(Path.of("/var/lib/dynoj"));
        assertThat(ConfigLoader.load(write("dyn_o_mite:\n  data_dir: db\n")).dataDir()).isEqualTo(Path.of("db"));
    }
}
