package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.ConfigLoader;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.topology.StaticTopology;
import io.dynoj.core.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterLayoutTest {

    @TempDir
    Path dir;

    private static LocalClusterLayout.Settings settings(String datastore, int basePort) {
        return settings(datastore, basePort, LocalClusterLayout.TopologyKind.STATIC);
    }

    private static LocalClusterLayout.Settings settings(String datastore, int basePort,
                                                        LocalClusterLayout.TopologyKind topology) {
        return new LocalClusterLayout.Settings(3, 2, datastore, datastore.equals("redis"), "redis", "127.0.0.1",
                basePort, ConsistencyLevel.DC_QUORUM, topology);
    }

    @Test
    void portsFollowTheBaseAndTokensSplitEachRack() {
        LocalClusterLayout layout = LocalClusterLayout.plan(settings("memory", 8102));
        assertThat(layout.members()).hasSize(6);
        LocalClusterLayout.Member second = layout.members().get(1);
        assertThat(second.name()).isEqualTo("rack1-node2");
        assertThat(second.token()).isEqualTo(2147483648L);
        assertThat(List.of(second.clientPort(), second.peerPort(), second.adminPort(), second.serverPort()))
                .containsExactly(8103, 8203, 8303, 0);
        assertThat(layout.members().get(5).name()).isEqualTo("rack3-node2");
        assertThat(LocalClusterLayout.token(2, 3)).isEqualTo(2863311530L);
    }

    @Test
    void writtenConfigsDescribeOneClusterAsEveryNodeSeesIt() {
        LocalClusterLayout layout = LocalClusterLayout.plan(settings("memory", 0));
        List<Path> files = layout.writeConfigs(dir);
        Set<Integer> ports = new HashSet<>();
        for (Path file : files) {
            NodeConfig config = ConfigLoader.load(file);
            assertThat(config.datastoreType()).isEqualTo("memory");
            assertThat(config.protocol()).isEqualTo("redis");
            assertThat(config.dataDir()).isAbsolute().startsWithRaw(dir);
            assertThat(config.writeConsistency()).isEqualTo(ConsistencyLevel.DC_QUORUM);
            Topology topology = StaticTopology.from(config);
            assertThat(topology.nodes()).hasSize(6);
            assertThat(topology.localDcRacks()).hasSize(3).allSatisfy(r -> assertThat(r.ring().nodes()).hasSize(2));
            ports.add(config.listen().port());
            ports.add(config.dynListen().port());
            ports.add(config.statsListen().port());
        }
        assertThat(ports).hasSize(18).doesNotContain(0);
    }

    @Test
    void staticFilesNameTokensAndSeedsAndNoZooKeeper() {
        LocalClusterLayout layout = LocalClusterLayout.plan(settings("memory", 8102));
        assertThat(layout.zookeeperPort()).isZero();
        NodeConfig config = ConfigLoader.load(layout.writeConfigs(dir).get(1));
        assertThat(config.dynSeedProvider()).isEqualTo("simple_provider");
        assertThat(config.tokensConfigured()).isTrue();
        assertThat(config.tokens()).containsExactly(2147483648L);
        assertThat(config.sectionNames()).doesNotContain("zookeeper");
    }

    @Test
    void zookeeperFilesNameNoTokensNoSeedsAndOneZooKeeperServer() throws Exception {
        LocalClusterLayout layout = LocalClusterLayout.plan(
                settings("memory", 0, LocalClusterLayout.TopologyKind.ZOOKEEPER));
        int zk = layout.zookeeperPort();
        assertThat(zk).isPositive();
        List<Path> files = layout.writeConfigs(dir);
        assertThat(files).hasSize(6);
        Set<String> ids = new HashSet<>();
        Set<Integer> ports = new HashSet<>(Set.of(zk));
        for (Path file : files) {
            NodeConfig config = ConfigLoader.load(file);
            assertThat(config.dynSeedProvider()).isEqualTo("zookeeper");
            assertThat(config.tokensConfigured()).as("the coordinator assigns the tokens").isFalse();
            assertThat(config.dynSeeds()).isEmpty();
            ConfigSection section = config.section("zookeeper");
            assertThat(section.text("connect")).isEqualTo("127.0.0.1:" + zk);
            assertThat(section.text("root")).isEqualTo("/dynoj");
            assertThat(section.number("session_timeout", 0)).isEqualTo(10_000L);
            assertThat(config.datacenter()).isEqualTo("dc1");
            ids.add(config.nodeId());
            ports.add(config.listen().port());
            ports.add(config.dynListen().port());
            ports.add(config.statsListen().port());
        }
        assertThat(ids).as("every node registers under its own id").hasSize(6);
        assertThat(ports).as("the ZooKeeper port is apart from every node's").hasSize(19);
        assertThat(Files.readString(files.get(0))).doesNotContainPattern("(?m)^\\s+(tokens|dyn_seeds):");
    }

    @Test
    void topologyNamesAreStaticOrZookeeper() {
        assertThat(LocalClusterLayout.TopologyKind.parse("ZooKeeper")).isEqualTo(LocalClusterLayout.TopologyKind.ZOOKEEPER);
        assertThat(LocalClusterLayout.TopologyKind.STATIC).hasToString("static");
        assertThatThrownBy(() -> LocalClusterLayout.TopologyKind.parse("gossip"))
                .hasMessage("unknown topology 'gossip'; expected static or zookeeper");
    }

    @Test
    void aServerDatastoreGetsAServerPerNode() {
        LocalClusterLayout layout = LocalClusterLayout.plan(settings("redis", 7000));
        NodeConfig config = ConfigLoader.load(layout.writeConfigs(dir).get(0));
        assertThat(config.datastoreType()).isEqualTo("redis");
        assertThat(config.servers()).singleElement().hasToString("127.0.0.1:7300:1");
    }

    @Test
    void refusesABasePortWithoutRoom() {
        assertThatThrownBy(() -> settings("memory", 65500)).hasMessageContaining("leaves no room");
    }
}
