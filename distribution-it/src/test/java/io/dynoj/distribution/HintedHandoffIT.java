package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Issue 14's hinted handoff with real processes: 3 racks x 1 node (bin/dynoj), DC_QUORUM writes, a client
 * pipelining 30,000 writes (SET, INCR, RPUSH, HSET) through node 0. The rack-3 node is SIGKILLed a third of
 * the way in and restarted at the end, or frozen with SIGSTOP for 8 s; or the node holding the hints is itself
 * killed and restarted before the target returns. Afterwards every acknowledged write is on every rack and the
 * three racks are identical key by key and value by value within 30 s. A host lost whole (its node killed, its
 * redis-server back empty) is identical after {@code bin/dynoj repair}.
 */
class HintedHandoffIT {

    private static final int WRITES = 30_000;
    private static final int BATCH = 500;
    private static final List<String> KEYS = ReplicaState.keys(5000, 200, 100, 300);
    private static final String YAML = "  write_consistency: DC_QUORUM\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ProcessCluster.Store.class)
    void aReplicaKilledAThirdOfTheWayInAndRestartedEndsIdentical(ProcessCluster.Store store) throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(Dist.unpack(dir), dir, 3, 1, store, YAML)) {
            CountDownLatch third = new CountDownLatch(1);
            CompletableFuture<Acks> writes = CompletableFuture.supplyAsync(() -> write(cluster, 0, WRITES, third));
            assertThat(third.await(120, TimeUnit.SECONDS)).isTrue();
            cluster.kill(2);
            Acks acks = writes.get(300, TimeUnit.SECONDS);
            cluster.restart(2);
            assertIdenticalWithin(cluster, acks, Duration.ofSeconds(30));
            System.out.printf("hinted handoff (%s, kill -9): %d of %d writes acknowledged; hints stored %d, replayed "
                            + "%d, keys copied %d%n", store, acks.acked, WRITES, sum(cluster, "hints.stored"),
                    sum(cluster, "hints.replayed"), sum(cluster, "hints.key_repairs"));
            assertThat(sum(cluster, "hints.replayed") + sum(cluster, "hints.key_repairs")).isPositive();
        }
    }

    @Test
    void aReplicaFrozenForEightSecondsEndsIdentical() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(Dist.unpack(dir), dir, 3, 1, ProcessCluster.Store.REDIS,
                YAML)) {
            CountDownLatch third = new CountDownLatch(1);
            CompletableFuture<Acks> writes = CompletableFuture.supplyAsync(() -> write(cluster, 0, WRITES, third));
            assertThat(third.await(120, TimeUnit.SECONDS)).isTrue();
            cluster.pause(2);
            long frozen = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> System.nanoTime() - frozen >= 8_000_000_000L);
            cluster.resume(2);
            Acks acks = writes.get(300, TimeUnit.SECONDS);
            assertIdenticalWithin(cluster, acks, Duration.ofSeconds(30));
        }
    }

    @Test
    void hintsSurviveAKillOfTheNodeThatKeepsThem() throws Exception {
        // warmup: off: node 2 comes back with an empty store, which would make it fill itself from another rack
        // (and forward its reads meanwhile); here the hints alone must make it whole.
        try (ProcessCluster cluster = new ProcessCluster(Dist.unpack(dir), dir, 3, 1, ProcessCluster.Store.LEVELDB,
                YAML + "  warmup: off\n")) {
            cluster.kill(2);
            Acks acks = write(cluster, 0, 6000, new CountDownLatch(1));
            assertThat(cluster.counter(0, "hints.stored")).isPositive();
            cluster.kill(0);
            cluster.restart(0);
            cluster.restart(2);
            assertIdenticalWithin(cluster, acks, Duration.ofSeconds(30));
            assertThat(cluster.counter(0, "hints.replayed")).as("replayed by node 0 after its restart").isPositive();
        }
    }

    @Test
    void aHostLostWholeIsIdenticalAfterBinDynojRepair() throws Exception {
        Path home = Dist.unpack(dir);
        // warmup: off, or the node would fill itself at start (WarmupProcessIT): here bin/dynoj repair does.
        try (ProcessCluster cluster = new ProcessCluster(home, dir, 3, 1, ProcessCluster.Store.REDIS,
                YAML + "  warmup: off\n")) {
            Acks acks = write(cluster, 0, 6000, new CountDownLatch(1));
            cluster.kill(2);
            cluster.redis(2).restart(); // no persistence: the host's data is gone
            try (Jedis lost = new Jedis("127.0.0.1", cluster.redis(2).port())) {
                assertThat(lost.dbSize()).as("keys on the lost host's new redis-server").isZero();
            }
            // Back, it may get a few keys at once: copies of writes whose fate was unknown when it was killed.
            cluster.restart(2);
            Dist.Result repair = Dist.dynoj(home, "repair", "--admin", cluster.admin(2), "--follow",
                    "--interval", "100");
            assertThat(repair.exit()).as(repair.stdout() + repair.stderr()).isZero();
            assertThat(repair.stdout()).contains("repair of node");
            assertIdenticalWithin(cluster, acks, Duration.ofSeconds(30));
        }
    }

    private static long sum(ProcessCluster cluster, String counter) {
        long total = 0;
        for (int i = 0; i < cluster.size(); i++) {
            total += cluster.counter(i, counter);
        }
        return total;
    }

    /** Every rack identical, and every acknowledged SET's value (where it was the key's last write) on each. */
    private static void assertIdenticalWithin(ProcessCluster cluster, Acks acks, Duration bound) {
        await().atMost(bound).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> first = ReplicaState.read(cluster.client(0), KEYS);
            for (int i = 1; i < cluster.size(); i++) {
                Map<String, Object> other = ReplicaState.read(cluster.client(i), KEYS);
                assertThat(ReplicaState.differences(first, other, 10)).as("rack 1 vs rack %d", i + 1).isEmpty();
            }
            acks.lastSet.forEach((key, value) -> {
                if (value != null) {
                    assertThat(first.get(key)).as("acknowledged %s", key).isEqualTo(value);
                }
            });
            acks.counters.forEach((key, range) -> {
                long got = Long.parseLong((String) first.getOrDefault(key, "0"));
                assertThat(got).as("%s: between its acknowledged and attempted INCRs", key)
                        .isBetween(range[0], range[1]);
            });
        });
    }

    /** What the client was told: acknowledged writes, and per key what its state must be. */
    static final class Acks {
        int acked;
        /** Per string key, the value of its last write if that write was acknowledged, else null (unknown). */
        final Map<String, String> lastSet = new HashMap<>();
        /** Per counter: {acknowledged INCRs, attempted INCRs}. */
        final Map<String, long[]> counters = new HashMap<>();
    }

    /** {@code count} pipelined writes through node {@code via}; says when a third is done. */
    private static Acks write(ProcessCluster cluster, int via, int count, CountDownLatch third) {
        Acks acks = new Acks();
        try (Jedis jedis = new Jedis(cluster.client(via), ReplicaState.RESP2)) {
            for (int start = 0; start < count; start += BATCH) {
                if (start >= count / 3) {
                    third.countDown();
                }
                Pipeline p = jedis.pipelined();
                List<Response<?>> replies = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + BATCH); i++) {
                    replies.add(switch (i % 10) {
                        case 6, 7 -> p.incr("c:" + (i % 200));
                        case 8 -> p.rpush("l:" + (i % 100), Integer.toString(i));
                        case 9 -> p.hset("h:" + (i % 300), "f" + (i % 7), Integer.toString(i));
                        default -> p.set("s:" + (i % 5000), "v" + i);
                    });
                }
                p.sync();
                for (int i = start; i < Math.min(count, start + BATCH); i++) {
                    boolean ok;
                    try {
                        replies.get(i - start).get();
                        ok = true;
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    acks.acked += ok ? 1 : 0;
                    if (i % 10 == 6 || i % 10 == 7) {
                        long[] range = acks.counters.computeIfAbsent("c:" + (i % 200), k -> new long[2]);
                        range[0] += ok ? 1 : 0;
                        range[1]++;
                    } else if (i % 10 < 6) {
                        acks.lastSet.put("s:" + (i % 5000), ok ? "v" + i : null);
                    }
                }
            }
        }
        third.countDown();
        return acks;
    }
}
