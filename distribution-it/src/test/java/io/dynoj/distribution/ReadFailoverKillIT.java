package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;

/**
 * Issue 13's read failover, as an operator would see it: 3 racks x 2 node processes (bin/dynoj), on the
 * embedded LevelDB store and on a redis-server per node. 2000 keys are written and seen on every rack; a plain
 * Jedis client connected to node 1 (rack1) reads them at DC_ONE while node 0, the other node of rack1, is
 * SIGKILLed after the first 200 reads, then reads them all once more with node 0 gone. Every read must answer
 * the right value; the latencies of the reads after the kill are printed for the closing note.
 */
class ReadFailoverKillIT {

    private static final int KEYS = 2000;
    private static final int KILL_AFTER = 200;
    private static final JedisClientConfig RESP2 = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
            .connectionTimeoutMillis(5000).socketTimeoutMillis(15_000).build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ProcessCluster.Store.class)
    void killingTheOtherNodeOfTheClientsRackLosesNoRead(ProcessCluster.Store store) throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(Dist.unpack(dir), dir, 3, 2, store)) {
            List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> "failover:" + i).toList();
            write(cluster, keys);

            CountDownLatch atKillPoint = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            CompletableFuture<Reads> during = CompletableFuture.supplyAsync(() -> read(cluster, keys, KILL_AFTER,
                    atKillPoint, killed));
            assertThat(atKillPoint.await(60, TimeUnit.SECONDS)).isTrue();
            // The reader goes on as the signal leaves: its next reads race with the dying node.
            killed.countDown();
            cluster.kill(0);
            Reads first = during.get(120, TimeUnit.SECONDS);
            Reads after = read(cluster, keys, 0, new CountDownLatch(1), killed);

            assertThat(first.wrong).as("reads during the kill that did not answer their value").isEmpty();
            assertThat(after.wrong).as("reads with node 0 gone that did not answer their value").isEmpty();
            long failedOver = counter(cluster, "unreachable") + counter(cluster, "connection_error")
                    + counter(cluster, "timeout");
            assertThat(failedOver).as("reads node 1 sent past node 0").isPositive();
            System.out.printf("read failover (%s): %d reads after SIGKILL: p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                            + "%d more with the node gone: p50 %.2f ms, p99 %.2f ms; node 1 failed over "
                            + "%d reads (unreachable %d, connection error %d, timeout %d)%n",
                    store, first.afterKill.length, first.percentile(50), first.percentile(99), first.percentile(100),
                    after.afterKill.length, after.percentile(50), after.percentile(99), failedOver,
                    counter(cluster, "unreachable"), counter(cluster, "connection_error"), counter(cluster, "timeout"));
        }
    }

    private static long counter(ProcessCluster cluster, String reason) {
        return cluster.counter(1, "router.reads_failed_over." + reason);
    }

    /** Writes every key through node 1 and waits until a read through a node of each rack finds it. */
    private static void write(ProcessCluster cluster, List<String> keys) {
        try (Jedis jedis = new Jedis(cluster.client(1), RESP2)) {
            Pipeline pipeline = jedis.pipelined();
            keys.forEach(k -> pipeline.set(k, value(k)));
            pipeline.sync();
        }
        // DC_ONE reads through a node are served by its own rack: nodes 1, 2 and 4 see racks 1, 2 and 3.
        for (int node : new int[] {1, 2, 4}) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (Jedis jedis = new Jedis(cluster.client(node), RESP2)) {
                    Pipeline pipeline = jedis.pipelined();
                    List<redis.clients.jedis.Response<String>> replies = keys.stream().map(pipeline::get).toList();
                    pipeline.sync();
                    for (int i = 0; i < keys.size(); i++) {
                        assertThat(replies.get(i).get()).as("%s through node %d", keys.get(i), node)
                                .isEqualTo(value(keys.get(i)));
                    }
                }
            });
        }
    }

    private static String value(String key) {
        return "value-of-" + key;
    }

    /**
     * Reads every key through node 1, one at a time as a plain client does; after {@code killAfter} reads it
     * says so on {@code atKillPoint} and waits until the kill is under way ({@code killed}).
     */
    private static Reads read(ProcessCluster cluster, List<String> keys, int killAfter, CountDownLatch atKillPoint,
                              CountDownLatch killed) {
        List<String> wrong = new ArrayList<>();
        long[] nanos = new long[keys.size()];
        try (Jedis jedis = new Jedis(cluster.client(1), RESP2)) {
            for (int i = 0; i < keys.size(); i++) {
                if (i == killAfter) {
                    atKillPoint.countDown();
                    awaitLatch(killed);
                }
                String key = keys.get(i);
                long start = System.nanoTime();
                String got;
                try {
                    got = jedis.get(key);
                } catch (RuntimeException e) {
                    got = e.toString();
                }
                nanos[i] = System.nanoTime() - start;
                if (!value(key).equals(got)) {
                    wrong.add(key + " = " + got);
                }
            }
        }
        return new Reads(wrong, Arrays.copyOfRange(nanos, killAfter, nanos.length));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The reads that answered something else, and the latencies of the reads from the kill on. */
    private record Reads(List<String> wrong, long[] afterKill) {
        Reads {
            afterKill = afterKill.clone();
            Arrays.sort(afterKill);
        }

        /** In milliseconds; 100 is the slowest. */
        double percentile(int p) {
            int index = Math.min(afterKill.length - 1, (int) Math.ceil(p / 100.0 * afterKill.length) - 1);
            return afterKill[Math.max(0, index)] / 1e6;
        }
    }
}
