package io.dynoj.memcached.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.warmup.WarmupProgress;
import io.dynoj.memcached.protocol.PortableItem;
import io.dynoj.memcached.protocol.PortableItemDigest;
import io.dynoj.testkit.RawSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Warm-up of an embedded memcached node (issue 15), three racks of one node each over memory stores: rack 3
 * restarted loses its items, copies its range from another rack (the engine's range store) while it takes
 * writes, and ends NORMAL with every rack identical item by item, flags and expiries included; keys deleted
 * before stay deleted, keys overwritten during the warm-up keep the newer value.
 */
class EmbeddedWarmupIT {

    private static final int KEYS = 2_000;

    @Test
    void aRestartedRackWarmsUpAndEndsIdenticalWithTheWritesMadeMeanwhile() {
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "memcached",
                Backend.store("memory")).consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).start()) {
            try (RawSocket client = new RawSocket(cluster.clientPort(0))) {
                for (int i = 0; i < KEYS; i++) {
                    String value = "v" + i;
                    assertThat(client.call("set k:" + i + " " + i + " " + (i % 2 == 0 ? 0 : 3600) + " "
                            + value.length() + "\r\n" + value + "\r\n")).isEqualTo("STORED");
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(client.call("delete k:" + (i * 10 + 3) + "\r\n")).isEqualTo("DELETED");
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> digests(cluster.node(1)).size() == KEYS - 100
                    && digests(cluster.node(2)).size() == KEYS - 100);
            cluster.restart(2); // a new memory store: empty
            DynojNode warming = cluster.node(2);
            // Unconditional writes only: a conditional one (delete, add) whose primary is the warming node would
            // find the key missing there.
            try (RawSocket client = new RawSocket(cluster.clientPort(2))) {
                for (int i = 0; i < 100; i++) {
                    assertThat(client.call("set w:" + i + " 0 0 1\r\nw\r\n")).isEqualTo("STORED");
                    assertThat(client.call("set k:" + (i * 10 + 7) + " 1 0 6\r\nduring\r\n")).isEqualTo("STORED");
                }
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> warming.servingState() == ServingState.NORMAL);
            WarmupProgress done = warming.warmup().progress();
            assertThat(done.state()).as("warm-up: %s", done.describe()).isEqualTo(WarmupProgress.State.DONE);
            assertThat(done.keysCopied()).isPositive();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Long> expected = digests(cluster.node(0));
                assertThat(expected).hasSize(KEYS - 100 + 100).containsKey("w:99").doesNotContainKey("k:3");
                assertThat(expected.get("k:7")).as("overwritten during the warm-up: the newer write won")
                        .isEqualTo(PortableItemDigest.of(PortableItem.encode(1, "during".getBytes()), 0));
                assertThat(digests(cluster.node(1))).as("rack 2").isEqualTo(expected);
                assertThat(digests(warming)).as("rack 3 after its warm-up").isEqualTo(expected);
            });
        }
    }

    /** A node's live items and their digests. */
    private static Map<String, Long> digests(DynojNode node) {
        Map<String, Long> out = new TreeMap<>();
        for (KeyDigest k : node.datastore().rangeStore().digests(TokenRange.all(), key -> 1)) {
            out.put(new String(k.key(), StandardCharsets.UTF_8), k.digest());
        }
        return out;
    }
}
