package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ZooKeeperSettingsTest {

    @Test
    void defaultsAndAChrootAreRead() {
        ZooKeeperSettings s = settings(z -> z.put("connect", "zk1:2181,zk2:2181/apps/x"), c -> { });

        assertThat(s.servers()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(s.chroot()).isEqualTo("apps/x");
        assertThat(s.root()).isEqualTo("/dynoj");
        assertThat(s.cluster()).isEqualTo("pool");
        assertThat(s.sessionTimeoutMs()).isEqualTo(10_000);
        assertThat(s.connectionTimeoutMs()).isEqualTo(5_000);
        assertThat(s.replaceAfterMs()).isEqualTo(30_000);
        assertThat(s.auth()).isNull();
        assertThat(s.describe()).isEqualTo("zookeeper zk1:2181,zk2:2181/apps/x /dynoj/pool");
    }

    @Test
    void everyKeyIsChecked() {
        assertThatThrownBy(() -> settings(z -> { }, c -> { })).hasMessage(
                "zookeeper: 'connect' is required with dyn_seed_provider: zookeeper (host:port[,host:port][/chroot])");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1"), c -> { })).hasMessageContaining("'connect' must be host:port");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:99999"), c -> { })).hasMessageContaining("bad port in 'zk1:99999'");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:2181").put("root", "dynoj"), c -> { }))
                .hasMessageContaining("'root' needs an absolute path");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:2181").put("auth", "nopassword"), c -> { }))
                .hasMessageContaining("'auth' must be user:password");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:2181").put("replace_after", 600_000), c -> { }))
                .hasMessageContaining("'replace_after' must be between 0 and 90000");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:2181").put("session_timeout", 1_000).put("connection_timeout", 5_000), c -> { }))
                .hasMessageContaining("'connection_timeout' must not exceed session_timeout");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:2181").put("sesion_timeout", 1_000), c -> { }))
                .hasMessageContaining("unknown key [sesion_timeout]");
    }

    @Test
    void thePeerAddressMustBeOneOthersReach() {
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:2181"), c -> c.dynListen(null)))
                .hasMessageContaining("needs dyn_listen");
        assertThatThrownBy(() -> settings(z -> z.put("connect", "zk1:2181"), c -> c.dynListen(new HostPort("0.0.0.0", 8101))))
                .hasMessageContaining("not 0.0.0.0");
        NodeConfig portZero = config(z -> z.put("connect", "zk1:2181"), c -> c.dynListen(new HostPort("127.0.0.1", 0)));
        assertThatThrownBy(() -> new ZooKeeperTopologySourceProvider().validate(portZero)).hasMessageContaining("needs a node_id");
    }

    private static ZooKeeperSettings settings(Consumer<ObjectNode> section, Consumer<NodeConfig.Builder> more) {
        return ZooKeeperSettings.from(config(section, more));
    }

    private static NodeConfig config(Consumer<ObjectNode> section, Consumer<NodeConfig.Builder> more) {
        ObjectNode z = JsonNodeFactory.instance.objectNode();
        section.accept(z);
        NodeConfig.Builder b = NodeConfig.builder().poolName("pool").dynSeedProvider("zookeeper")
                .dynListen(new HostPort("10.0.0.1", 8101)).section("zookeeper", z);
        more.accept(b);
        return b.build();
    }
}
