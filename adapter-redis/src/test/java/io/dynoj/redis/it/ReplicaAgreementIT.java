package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.redis.engine.WriteMix;
import io.dynoj.testkit.RespClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Replicas that agree: in one datacenter of three racks (one node each, so each node's datastore is
 * its rack's whole copy), every rack ends with the same keys, types, values and expiry times whatever
 * the clients did: writers on every rack racing on the same keys, commands whose result the primary
 * chooses (SPOP, XADD *), a random mix of the differential generators, FLUSHALL.
 */
class ReplicaAgreementIT {

    private static final List<Place> THREE_RACKS = Place.racks("dc1", 3, 1);
    private static final List<Backend> REDIS = Collections.nCopies(3, Backend.redisServer());
    private static final List<Backend> LEVELDB = Collections.nCopies(3, Backend.store("leveldb"));
    private static final List<Backend> MIXED = List.of(Backend.redisServer(), Backend.store("leveldb"),
            Backend.store("memory"));

    @TempDir
    Path data;

    static Stream<Arguments> storesAndLevels() {
        return Stream.of(
                Arguments.of("redis-server", REDIS, ConsistencyLevel.DC_ONE),
                Arguments.of("redis-server", REDIS, ConsistencyLevel.DC_QUORUM),
                Arguments.of("leveldb", LEVELDB, ConsistencyLevel.DC_ONE),
                Arguments.of("leveldb", LEVELDB, ConsistencyLevel.DC_QUORUM),
                Arguments.of("mixed", MIXED, ConsistencyLevel.DC_QUORUM));
    }

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("redis-server", REDIS), Arguments.of("mixed", MIXED));
    }

    private ClusterFixture cluster(List<Backend> stores, ConsistencyLevel level, boolean allowFlushAll) {
        return ClusterFixture.builder(THREE_RACKS, "redis", stores).consistency(ConsistencyLevel.DC_ONE, level)
                .dataRoot(data).configure(c -> c.allowFlushAll(allowFlushAll)).start();
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("storesAndLevels")
    void writersOnEveryRackRacingOnTheSameKeysLeaveTheRacksIdentical(String name, List<Backend> stores,
                                                                       ConsistencyLevel level) throws Exception {
        int keys = 1500;
        try (ClusterFixture cluster = cluster(stores, level, false)) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> write(cluster.clientPort(writer), writer, keys, go)));
            }
            go.countDown();
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
            Map<String, String> first = awaitIdenticalRacks(cluster);
            assertThat(first).hasSize(keys + 50 + 100 + 100);
            for (int c = 0; c < 50; c++) {
                assertThat(first.get("ctr:" + c)).as("INCR total of ctr:%d", c)
                        .isEqualTo("string " + (3 * keys / 50) + " expires -1");
            }
        }
    }

    /** Writer {@code w}: SET, INCR, HSET, LPUSH over the same keys as the others, in its own shuffled order. */
    private static void write(int port, int w, int keys, CountDownLatch go) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            order.add(k);
        }
        Collections.shuffle(order, new Random(w));
        try (Jedis jedis = new Jedis("127.0.0.1", port, 20_000)) {
            go.await();
            Pipeline p = jedis.pipelined();
            int n = 0;
            for (int k : order) {
                p.set("k:" + k, "w" + w);
                p.incr("ctr:" + k % 50);
                p.hset("h:" + k % 100, "f" + k % 7, "w" + w);
                p.lpush("l:" + k % 100, "w" + w + ":" + k);
                if (++n % 100 == 0) {
                    p.sync();
                }
            }
            p.sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void writesWhoseResultThePrimaryChoosesAreReplayedNotRecomputed(String name, List<Backend> stores) {
        try (ClusterFixture cluster = cluster(stores, ConsistencyLevel.DC_QUORUM, false);
             RespClient c = new RespClient("127.0.0.1", cluster.clientPort(1))) {
            for (int s = 0; s < 20; s++) {
                c.call("SADD", "s" + s, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
                c.call("SPOP", "s" + s);
                c.call("SPOP", "s" + s, "3");
                c.call("SETEX", "ttl" + s, "1000", "v");
                c.call("SET", "px" + s, "v", "PX", "900000");
                c.call("EXPIRE", "s" + s, "500");
            }
            if (stores == REDIS) {
                for (int x = 0; x < 20; x++) {
                    c.call("XADD", "x", "*", "n", Integer.toString(x));
                    c.call("XADD", "x", "MAXLEN", "=", "15", "*", "n", Integer.toString(x));
                }
            }
            Map<String, String> racks = awaitIdenticalRacks(cluster);
            assertThat(racks.get("s0")).startsWith("set ").doesNotContain("expires -1");
            if (stores == REDIS) {
                assertThat(racks.get("x")).startsWith("stream ");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRandomMixOfCommandsThroughEveryNodeLeavesTheRacksIdenticalAndFlushAllEmptiesThemAll(
            String name, List<Backend> stores) {
        try (ClusterFixture cluster = cluster(stores, ConsistencyLevel.DC_ONE, true)) {
            List<RespClient> nodes = List.of(new RespClient("127.0.0.1", cluster.clientPort(0)),
                    new RespClient("127.0.0.1", cluster.clientPort(1)), new RespClient("127.0.0.1", cluster.clientPort(2)));
            try {
                for (long seed = 1; seed <= 3; seed++) {
                    Supplier<List<String>> mix = WriteMix.of(seed);
                    Random via = new Random(seed);
                    for (int i = 0; i < 1500; i++) {
                        callIgnoringErrors(nodes.get(via.nextInt(3)), mix.get());
                    }
                }
                assertThat(awaitIdenticalRacks(cluster)).isNotEmpty();
                assertThat(nodes.get(2).call("FLUSHALL")).isEqualTo("OK");
                for (int r = 0; r < 3; r++) {
                    assertThat(snapshot(cluster, r)).as("rack %d after FLUSHALL", r).isEmpty();
                }
            } finally {
                nodes.forEach(RespClient::close);
            }
        }
    }

    @Test
    void flushAllIsRefusedByDefaultAndFlushesNothing() {
        try (ClusterFixture cluster = cluster(REDIS, ConsistencyLevel.DC_ONE, false);
             RespClient c = new RespClient("127.0.0.1", cluster.clientPort(0))) {
            c.call("SET", "keep", "me");
            for (String flush : List.of("FLUSHALL", "FLUSHDB", "flushall")) {
                assertThatThrownBy(() -> c.call(flush))
                        .hasMessageContaining(flush.toUpperCase() + " is disabled")
                        .hasMessageContaining("allow_flush_all");
            }
            assertThat(awaitIdenticalRacks(cluster)).containsKey("keep");
            assertThat(c.call("GET", "keep")).isEqualTo("me".getBytes());
        }
    }

    private static void callIgnoringErrors(RespClient client, List<String> command) {
        try {
            client.call(command.toArray(String[]::new));
        } catch (RespClient.RespError expected) {
            // Bad input is part of the mix; what counts is that the racks agree afterwards.
        }
    }

    /** Waits until every rack holds the same keys with the same values; returns them. */
    private static Map<String, String> awaitIdenticalRacks(ClusterFixture cluster) {
        List<Map<String, String>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last.clear();
            for (int r = 0; r < 3; r++) {
                last.add(snapshot(cluster, r));
            }
            assertThat(last.get(1)).as("rack 2 against rack 1").isEqualTo(last.get(0));
            assertThat(last.get(2)).as("rack 3 against rack 1").isEqualTo(last.get(0));
        });
        return last.get(0);
    }

    /** Rack {@code r}'s data, through its only node at DC_ONE (its own datastore). */
    private static Map<String, String> snapshot(ClusterFixture cluster, int r) {
        try (RespClient c = new RespClient("127.0.0.1", cluster.clientPort(r))) {
            c.call("DYNOJ", "CONSISTENCY", "READ", "DC_ONE");
            return RackSnapshot.of(c);
        }
    }
}
