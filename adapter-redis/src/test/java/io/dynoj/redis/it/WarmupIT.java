package io.dynoj.redis.it;

import static io.dynoj.redis.it.RackData.assertSame;
import static io.dynoj.redis.it.RackData.digests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.repair.RepairProgress;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.warmup.WarmupProgress;
import io.dynoj.testkit.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Warm-up over three racks of one node each: rack 3 loses its data (its LevelDB directory wiped, or its
 * redis-server restarted empty) and is restarted; it takes writes at once, answers its clients' reads from
 * the other racks, copies its range, and ends NORMAL with every rack identical key by key, the writes made
 * during the warm-up included. Its source killed mid-way, it goes on from another; with none left it stays
 * WRITES_ONLY; restarted mid-way, it resumes. {@code -Ddynoj.warmup.keys=200000} for the full size.
 */
class WarmupIT {

    private static final List<Place> THREE_RACKS = Place.racks("dc1", 3, 1);
    private static final int KEYS = Integer.getInteger("dynoj.warmup.keys", 20_000);
    /** A copy of about four seconds, long enough to read and write while it runs. */
    private static final long RATE = Math.max(1000, KEYS / 4);

    @TempDir
    Path data;

    private ClusterFixture cluster(Backend store) {
        return ClusterFixture.builder(THREE_RACKS, "redis", Collections.nCopies(3, store))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).dataRoot(data)
                .configure(c -> c.warmupRate(RATE)).start();
    }

    @Test
    void aWipedEmbeddedRackWarmsUpAndEndsIdenticalWithTheWritesMadeMeanwhile() throws Exception {
        try (ClusterFixture cluster = cluster(Backend.store("leveldb"))) {
            RackData.write(cluster.clientPort(0), 0, KEYS);
            settle(cluster);
            wipeAndRestart(cluster, 2);
            DynojNode warming = cluster.node(2);
            assertThat(warming.servingState()).isEqualTo(ServingState.WRITES_ONLY);
            long forwardedBefore = counter(warming, "router.reads_failed_over.not_readable");
            try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(2), 30_000)) {
                for (int i = 5; i < 2000; i += 10) {
                    assertThat(j.get("k:" + i)).as("read of k:%d during the warm-up", i).isEqualTo("v" + i);
                }
                assertThat(warming.servingState()).as("still warming").isNotEqualTo(ServingState.NORMAL);
                writeDuringWarmup(j, KEYS);
            }
            assertThat(counter(warming, "router.reads_failed_over.not_readable") - forwardedBefore)
                    .as("every read went to another rack").isGreaterThanOrEqualTo(200);
            WarmupProgress done = awaitNormal(warming);
            assertThat(done.keysCopied()).isGreaterThan(KEYS / 2);
            Map<String, Long> expected = digests(cluster.node(0));
            assertThat(expected).containsKeys("w:0", "w:499").doesNotContainKey("k:6");
            assertSame(digests(cluster.node(1)), expected, "rack 2");
            assertSame(digests(warming), expected, "rack 3 after its warm-up");
            assertThat(gauge(warming, "warmup.keys_copied")).isEqualTo(done.keysCopied());
            assertThat(warming.warmup().progress().describe()).containsEntry("state", "DONE").containsKey("bytes_per_second");
        }
    }

    @Test
    void aRedisServerRestartedEmptyWarmsUpFromTheOtherRacks() throws Exception {
        try (ClusterFixture cluster = cluster(Backend.redisServer())) {
            RackData.write(cluster.clientPort(0), 0, KEYS / 2);
            settle(cluster);
            cluster.restart(2); // a new redis-server, empty
            assertThat(cluster.node(2).servingState()).isEqualTo(ServingState.WRITES_ONLY);
            try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(2), 30_000)) {
                writeDuringWarmup(j, KEYS / 2);
            }
            awaitNormal(cluster.node(2));
            Map<String, String> expected = serverSnapshot(cluster, 0);
            assertThat(expected.size()).isEqualTo(KEYS / 2 + 500 - 100);
            assertSame(serverSnapshot(cluster, 1), expected, "rack 2");
            assertSame(serverSnapshot(cluster, 2), expected, "rack 3 after its warm-up");
        }
    }

    @Test
    void aSourceKilledMidWayIsReplacedByAnotherAndTheCopyEndsIdentical() throws Exception {
        try (ClusterFixture cluster = cluster(Backend.store("leveldb"))) {
            RackData.write(cluster.clientPort(1), 0, KEYS);
            Map<String, Long> expected = settle(cluster);
            wipeAndRestart(cluster, 2);
            WarmupProgress progress = cluster.node(2).warmup().progress();
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.keysCopied() > KEYS / 5);
            String first = (String) progress.describe().get("source");
            int killed = first.equals(cluster.node(0).topology().local().name()) ? 0 : 1;
            cluster.member(killed).close();
            awaitNormal(cluster.node(2));
            assertThat(progress.describe().get("source")).isNotEqualTo(first);
            assertSame(digests(cluster.node(2)), expected, "rack 3 after switching sources");
            assertSame(digests(cluster.node(1 - killed)), expected, "the source left");
        }
    }

    @Test
    void withNoSourceLeftTheNodeStaysWritesOnlyAndSaysWhy() throws Exception {
        try (ClusterFixture cluster = cluster(Backend.store("leveldb"))) {
            RackData.write(cluster.clientPort(0), 0, KEYS);
            settle(cluster);
            wipeAndRestart(cluster, 2);
            WarmupProgress progress = cluster.node(2).warmup().progress();
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.keysCopied() > KEYS / 5);
            cluster.member(0).close();
            cluster.member(1).close();
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.state() == WarmupProgress.State.STALLED);
            assertThat(progress.error()).startsWith("no source left for range");
            assertThat(cluster.node(2).servingState()).isEqualTo(ServingState.WRITES_ONLY);
            assertThat(gauge(cluster.node(2), "warmup.stalled")).isEqualTo(1);
            assertThat(Files.exists(data.resolve("node2").resolve("warmup.state"))).as("kept for a restart").isTrue();
        }
    }

    @Test
    void aNodeRestartedMidWayResumesWhereItWas() throws Exception {
        try (ClusterFixture cluster = cluster(Backend.store("leveldb"))) {
            RackData.write(cluster.clientPort(0), 0, KEYS);
            Map<String, Long> expected = settle(cluster);
            wipeAndRestart(cluster, 2);
            Supplier<WarmupProgress> progress = () -> cluster.node(2).warmup().progress();
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.get().keysCopied() > KEYS / 3);
            cluster.member(2).close();
            String checkpoint = Files.readString(data.resolve("node2").resolve("warmup.state"));
            assertThat(checkpoint).contains("phase=WARMING");
            long copiedBefore = Long.parseLong(checkpoint.replaceAll("(?s).*keys_copied=(\\d+).*", "$1"));
            assertThat(copiedBefore).isPositive();

            cluster.restart(2);
            assertThat(cluster.node(2).servingState()).as("never NORMAL with half the data").isEqualTo(ServingState.WRITES_ONLY);
            WarmupProgress resumed = awaitNormal(cluster.node(2));
            assertThat(resumed.keysCopied() - copiedBefore).as("keys copied after the restart")
                    .isLessThan(KEYS - copiedBefore / 2);
            assertSame(digests(cluster.node(2)), expected, "rack 3 after a resumed warm-up");
        }
    }

    /** 500 new keys, 500 overwritten, 100 deleted, and a field added to 100 hashes not copied yet (some of them). */
    private static void writeDuringWarmup(Jedis j, int keys) {
        for (int i = 0; i < 500; i++) {
            j.set("w:" + i, "during " + i);
            j.set("k:" + (i * 10 + 7), "overwritten " + i);
        }
        for (int i = 0; i < 100; i++) {
            j.del("k:" + (i * 10 + 6));
            j.hset("k:" + ((keys / 10 - 1 - i) * 10), "added", "during");
        }
    }

    private void wipeAndRestart(ClusterFixture cluster, int i) throws IOException {
        cluster.member(i).close();
        try (Stream<Path> files = Files.walk(data.resolve("node" + i))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        cluster.restart(i);
    }

    private static WarmupProgress awaitNormal(DynojNode node) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> node.servingState() == ServingState.NORMAL);
        WarmupProgress p = node.warmup().progress();
        assertThat(p.state()).as("warm-up: %s", p.describe()).isEqualTo(WarmupProgress.State.DONE);
        return p;
    }

    /**
     * Replication catches up: the third replica of a DC_QUORUM write is written after the client's answer, and
     * on this loaded machine a replica judged DOWN a moment misses writes, which a repair then gives back.
     */
    private static Map<String, Long> settle(ClusterFixture cluster) {
        if (!identicalWithin(cluster, Duration.ofSeconds(30))) {
            cluster.node(0).repair().start(null);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> cluster.node(0).repair().progress().state() != RepairProgress.State.RUNNING);
            if (!identicalWithin(cluster, Duration.ofSeconds(60))) {
                assertSame(digests(cluster.node(2)), digests(cluster.node(0)), "rack 3 settled");
                assertSame(digests(cluster.node(1)), digests(cluster.node(0)), "rack 2 settled");
            }
        }
        return digests(cluster.node(0));
    }

    private static boolean identicalWithin(ClusterFixture cluster, Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<String, Long> first = digests(cluster.node(0));
                return first.equals(digests(cluster.node(1))) && first.equals(digests(cluster.node(2)));
            });
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException notYet) {
            return false;
        }
    }

    private static Map<String, String> serverSnapshot(ClusterFixture cluster, int r) {
        try (RespClient c = new RespClient(cluster.redis(r).host(), cluster.redis(r).port())) {
            return RackSnapshot.of(c);
        }
    }

    private static long counter(DynojNode node, String name) {
        return node.metrics().counter(name).getCount();
    }

    private static long gauge(DynojNode node, String name) {
        return ((Number) node.metrics().getGauges().get(name).getValue()).longValue();
    }
}
