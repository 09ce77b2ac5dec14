package io.dynoj.memcached.it;

import static io.dynoj.core.fixture.AntiEntropy.awaitNormal;
import static io.dynoj.core.fixture.AntiEntropy.awaitRepair;
import static io.dynoj.core.fixture.AntiEntropy.post;
import static io.dynoj.core.fixture.AntiEntropy.repair;
import static io.dynoj.memcached.it.RackItems.assertSame;
import static io.dynoj.memcached.it.RackItems.digests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.AntiEntropy;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.repair.RepairProgress;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.warmup.WarmupProgress;
import io.dynoj.testkit.MemcachedServer;
import io.dynoj.testkit.RawSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issues 14 and 15 on memcached servers, three racks of one node each (each memcached holds its rack's whole
 * copy): a memcached flushed behind the cluster's back is identical to the others, key by key, after a repair,
 * and a repair of identical replicas streams nothing; a memcached restarted empty warms up from the other racks
 * before its node serves reads, the writes made meanwhile included.
 */
class MemcachedRepairIT {

    private static final List<Place> THREE_RACKS = Place.racks("dc1", 3, 1);
    private static final int KEYS = 5000;

    @TempDir
    Path data;

    private ClusterFixture cluster() {
        return ClusterFixture.builder(THREE_RACKS, "memcached", Backend.memcachedServer())
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).dataRoot(data)
                .configure(c -> c.warmupRate(KEYS / 4)).start(); // a copy of about four seconds
    }

    @Test
    void aMemcachedFlushedBehindTheClusterIsIdenticalKeyByKeyAfterRepair() throws Exception {
        try (ClusterFixture cluster = cluster()) {
            RackItems.write(cluster.clientPort(0), "key", 0, KEYS);
            settle(cluster);
            Map<String, RackItems.Item> before = RackItems.of(cluster.memcached(0));
            assertThat(before).hasSize(KEYS);
            assertThat(before.get("key3")).isEqualTo(new RackItems.Item(1003, "value 3 of key", -1));
            assertThat(before.get("key4").exp()).as("a TTL of an hour")
                    .isGreaterThan(System.currentTimeMillis() / 1000);
            assertSame(RackItems.of(cluster.memcached(1)), before, "rack 2");
            cluster.memcached(2).flushAll();
            assertThat(RackItems.of(cluster.memcached(2))).isEmpty();

            assertThat(post(cluster.node(0), "/repair")).isEqualTo(202);
            RepairProgress done = awaitRepair(cluster.node(0));
            System.out.println("[repair] rack 3 refilled: " + done.describe());
            assertThat(done.state()).as("repair ended: %s", done.describe()).isEqualTo(RepairProgress.State.DONE);
            assertThat(done.keysCompared()).isEqualTo(KEYS);
            assertThat(done.keysFixed()).as("each key was missing on one replica").isEqualTo(KEYS);
            assertThat(done.keysStreamed()).isEqualTo(KEYS);
            for (int r = 0; r < 3; r++) {
                assertSame(RackItems.of(cluster.memcached(r)), before, "rack " + (r + 1) + " after repair");
            }
            Map<String, Long> digests = digests(cluster.node(0));
            AntiEntropy.assertSame(digests(cluster.node(1)), digests, "rack 2's digests");
            AntiEntropy.assertSame(digests(cluster.node(2)), digests, "rack 3's digests, expiries exact to the second");

            RepairProgress again = repair(cluster.node(1));
            assertThat(again.keysCompared()).isEqualTo(KEYS);
            assertThat(again.keysFixed()).as("identical replicas: nothing to fix").isZero();
            assertThat(again.keysStreamed()).isZero();
            assertThat(again.bytesStreamed()).isZero();
        }
    }

    @Test
    void aMemcachedRestartedEmptyWarmsUpFromTheOtherRacks() throws Exception {
        try (ClusterFixture cluster = cluster()) {
            RackItems.write(cluster.clientPort(0), "key", 0, KEYS);
            settle(cluster);
            cluster.restart(2); // a new memcached, empty
            DynojNode warming = cluster.node(2);
            assertThat(warming.servingState()).as("never serves reads from an empty memcached")
                    .isNotEqualTo(ServingState.NORMAL);
            try (RawSocket node = new RawSocket(cluster.clientPort(2))) {
                assertThat(node.call("get key5\r\n")).as("a read during the warm-up, answered by another rack")
                        .isEqualTo("VALUE key5 0 14");
                assertThat(node.readLine()).isEqualTo("value 5 of key");
                assertThat(node.readLine()).isEqualTo("END");
                for (int i = 0; i < 100; i++) {
                    // NOT_FOUND when rack 3's memcached answers before the key was copied: deleted all the same
                    assertThat(node.call("delete key" + (i * 10 + 1) + "\r\n")).isIn("DELETED", "NOT_FOUND");
                }
            }
            // Without TTLs, to keep this test about the warm-up (TTLs are the first test's).
            RackItems.write(cluster.clientPort(2), "new", 0, 500, false);
            WarmupProgress done = awaitNormal(warming);
            assertThat(done.keysCopied()).isGreaterThan(KEYS / 2);
            Map<String, RackItems.Item> expected = RackItems.of(cluster.memcached(0));
            assertThat(expected).hasSize(KEYS + 500 - 100).containsKeys("new0", "new499").doesNotContainKey("key1");
            assertSame(RackItems.of(cluster.memcached(1)), expected, "rack 2");
            assertSame(RackItems.of(cluster.memcached(2)), expected, "rack 3 after its warm-up");
        }
    }

    /** Its memcached down, a node cannot tell whether it must warm up: it starts all the same, as before. */
    @Test
    void aNodeWhoseMemcachedIsDownAtItsStartStartsAnyway() {
        AtomicReference<MemcachedServer> down = new AtomicReference<>();
        Backend stopped = Backend.server("memcached, stopped", () -> {
            MemcachedServer server = MemcachedServer.start();
            server.stop();
            down.set(server);
            return server;
        });
        List<Backend> backends = List.of(Backend.memcachedServer(), Backend.memcachedServer(), stopped);
        try (ClusterFixture cluster = ClusterFixture.builder(THREE_RACKS, "memcached", backends).dataRoot(data)
                .start()) {
            assertThat(cluster.node(2).servingState()).isEqualTo(ServingState.NORMAL);
            down.get().restart();
            // Until the node reconnects to it, a write is handed to another rack (and hinted): set until it lands.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (RawSocket node = new RawSocket(cluster.clientPort(2))) {
                    assertThat(node.call("set back 0 0 1\r\nx\r\n")).isEqualTo("STORED");
                }
                assertThat(down.get().get("back")).isEqualTo(new byte[] {'x'});
            });
        }
    }

    /**
     * Makes the replicas agree: replication catches up (at DC_QUORUM a replica judged DOWN on a loaded machine
     * misses writes), then a repair from node 0 makes them identical.
     */
    private static void settle(ClusterFixture cluster) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> RackItems.of(cluster.memcached(2)).size() == KEYS
                            && RackItems.of(cluster.memcached(1)).size() == KEYS);
        } catch (org.awaitility.core.ConditionTimeoutException missed) {
            System.out.println("[repair] a replica missed writes: " + missed.getMessage());
        }
        RepairProgress settled = repair(cluster.node(0));
        System.out.println("[repair] " + settled.keysFixed() + " keys differed after replication");
        Map<String, Long> first = digests(cluster.node(0));
        AntiEntropy.assertSame(digests(cluster.node(1)), first, "rack 2 settled");
        AntiEntropy.assertSame(digests(cluster.node(2)), first, "rack 3 settled");
    }
}
