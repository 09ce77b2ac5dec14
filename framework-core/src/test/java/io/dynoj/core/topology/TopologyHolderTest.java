package io.dynoj.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.HostPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyHolderTest {

    private static final ClusterNode SELF = new ClusterNode("dc", "r1", new HostPort("127.0.0.1", 1), List.of(0L), true);
    private static final ClusterNode PEER = new ClusterNode("dc", "r1", new HostPort("127.0.0.1", 2), List.of(1L << 31), false);

    @Test
    void versionsOnlyGrowAndStaleSnapshotsAreIgnoredAndCounted() {
        MetricRegistry metrics = new MetricRegistry();
        TopologyHolder holder = new TopologyHolder(new Topology(0, List.of(SELF)), metrics);
        assertThat(holder.publish(new Topology(2, List.of(SELF, PEER)))).isTrue();
        assertThat(holder.publish(new Topology(2, List.of(SELF)))).isFalse();
        assertThat(holder.publish(new Topology(1, List.of(SELF)))).isFalse();
        assertThat(holder.get().version()).isEqualTo(2);
        assertThat(holder.get().nodes()).hasSize(2);
        assertThat(holder.staleIgnored()).isEqualTo(2);
        assertThat(metrics.getCounters().get("topology.stale").getCount()).isEqualTo(2);
        assertThat(metrics.getGauges().get("topology.version").getValue()).isEqualTo(2L);
    }

    @Test
    void listenersPrepareBeforeTheSwapAndLetGoAfterIt() {
        TopologyHolder holder = new TopologyHolder(new Topology(0, List.of(SELF)), new MetricRegistry());
        List<String> seen = new ArrayList<>();
        holder.addListener(new TopologyListener() {
            @Override
            public void preparing(Topology next) {
                seen.add("preparing v" + next.version() + " while v" + holder.get().version());
            }

            @Override
            public void changed(Topology previous, Topology next) {
                seen.add("changed v" + previous.version() + "->v" + next.version() + " while v" + holder.get().version());
            }
        });
        holder.publish(new Topology(1, List.of(SELF, PEER)));
        holder.publish(new Topology(1, List.of(SELF)));
        assertThat(seen).containsExactly("preparing v1 while v0", "changed v0->v1 while v1");
    }

    @Test
    void aSwapIsDescribedByWhatChanged() {
        Topology before = new Topology(1, List.of(SELF, PEER));
        ClusterNode moved = PEER.withTokens(List.of(5L));
        ClusterNode added = new ClusterNode("dc", "r2", new HostPort("127.0.0.1", 3), List.of(0L), false);
        String diff = TopologyDiff.of(before, new Topology(2, List.of(SELF, moved, added)));
        assertThat(diff).contains("3 nodes", "+dc/r2/127.0.0.1:3", "~dc/r1/127.0.0.1:2 tokens [5]");
        assertThat(TopologyDiff.of(before, new Topology(3, List.of(SELF)))).contains("-dc/r1/127.0.0.1:2");
    }

    @Test
    void twoNodesWithOneIdAreNoTopology() {
        ClusterNode twin = new ClusterNode(PEER.id(), "dc", "r2", new HostPort("127.0.0.1", 9), List.of(0L), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Topology(1, List.of(SELF, PEER, twin)))
                .hasMessageContaining("one id");
    }
}
