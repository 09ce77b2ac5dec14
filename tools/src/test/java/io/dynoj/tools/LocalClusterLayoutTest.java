package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.ConfigLoader;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.topology.StaticTopology;
import io.dynoj.core.topology.Topology;
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
        return new LocalClusterLayout.Settings(3, 2, datastore, datastore.equals("redis"), "redis", "127.0.0.1",
                basePort, ConsistencyLevel.DC_QUORUM);
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
