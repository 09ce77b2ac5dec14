package io.dynoj.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static ClusterNode node(String dc, String rack, int port, long... tokens) {
        return new ClusterNode(dc, rack, new HostPort("127.0.0.1", port),
                java.util.Arrays.stream(tokens).boxed().toList(), false);
    }

    @Test
    void ownerIsTheSmallestTokenAtOrAboveTheHashWrappingAround() {
        ClusterNode a = node("dc", "r", 1, 100);
        ClusterNode b = node("dc", "r", 2, 200);
        ClusterNode c = node("dc", "r", 3, 4000000000L);
        TokenRing ring = new TokenRing(List.of(c, a, b));
        assertThat(ring.owner(0)).isEqualTo(a);
        assertThat(ring.owner(100)).isEqualTo(a);
        assertThat(ring.owner(101)).isEqualTo(b);
        assertThat(ring.owner(200)).isEqualTo(b);
        assertThat(ring.owner(3999999999L)).isEqualTo(c);
        assertThat(ring.owner(4000000001L)).as("wraps to the smallest token").isEqualTo(a);
        assertThat(ring.owner(4294967295L)).isEqualTo(a);
    }

    @Test
    void nodesWithSeveralTokensOwnSeveralRanges() {
        ClusterNode a = node("dc", "r", 1, 100, 300);
        ClusterNode b = node("dc", "r", 2, 200);
        TokenRing ring = new TokenRing(List.of(a, b));
        assertThat(ring.owner(150)).isEqualTo(b);
        assertThat(ring.owner(250)).isEqualTo(a);
        assertThat(ring.nodes()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void duplicateTokensInARackAreRefused() {
        assertThatThrownBy(() -> new TokenRing(List.of(node("dc", "r", 1, 5), node("dc", "r", 2, 5))))
                .hasMessageContaining("token 5");
    }

    @Test
    void staticTopologyFromDynomiteSeeds() {
        NodeConfig config = NodeConfig.builder()
                .dynListen(new HostPort("10.0.0.1", 8101)).datacenter("dc1").rack("r1").tokens(List.of(0L))
                .dynSeeds(List.of("10.0.0.2:8101:r2:dc1:0", "10.0.0.3:8101:r1:dc2:1383429731 name3",
                        "10.0.0.4:8101:r2:dc2:12,34"))
                .build();
        Topology t = StaticTopology.from(config);
        assertThat(t.local().peerAddress()).isEqualTo(new HostPort("10.0.0.1", 8101));
        assertThat(t.localDcRacks()).extracting(Rack::name).containsExactly("r1", "r2");
        assertThat(t.localRack().name()).isEqualTo("r1");
        assertThat(t.remoteDcs()).containsOnlyKeys("dc2");
        assertThat(t.entryRack("dc2").name()).as("the twin of the local rack").isEqualTo("r1");
        assertThat(t.nodes()).hasSize(4);
        assertThat(t.isSingleNode()).isFalse();
    }

    @Test
    void badSeedsAreNamed() {
        assertThatThrownBy(() -> StaticTopology.parseSeed("10.0.0.2:8101:r2")).hasMessageContaining("host:port:rack:dc:tokens");
        assertThatThrownBy(() -> StaticTopology.parseSeed("10.0.0.2:x:r2:dc:0")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> StaticTopology.parseSeed("10.0.0.2:1:r2:dc:-4")).hasMessageContaining("bad token");
    }
}
