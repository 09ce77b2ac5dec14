package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import io.dynoj.testkit.RawSocket;
import io.dynoj.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BZPOPMIN and BZPOPMAX over three racks (redis-server, the embedded engine,
 * redis-server): an element pushed later through another node is taken, a timeout answers nil after about
 * the timeout, the replies are a redis-server's byte for byte, and every rack holds the same lists after the pops.
 */
class ClusterBlockingIT {

    private static ClusterFixture cluster;
    private static RedisServer reference;

    @BeforeAll
    static void start() {
        Backend redis = Backend.redisServer();
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", List.of(redis, Backend.store("memory"), redis))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE).start();
        reference = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    private static Jedis client(int node) {
        return new Jedis("127.0.0.1", cluster.clientPort(node), 60_000);
    }

    @Test
    void blpopTakesAnElementPushedLaterThroughAnotherNode() throws Exception {
        // Eight keys: their primaries are spread over the racks, node 0's own among them.
        List<CompletableFuture<List<String>>> waiting = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            String key = "later:" + k;
            waiting.add(CompletableFuture.supplyAsync(() -> {
                try (Jedis j = client(0)) {
                    return j.blpop(30, key);
                }
            }));
        }
        try (Jedis pusher = client(2)) {
            for (int k = 0; k < 8; k++) {
                pusher.rpush("later:" + k, "v" + k, "w" + k);
            }
        }
        for (int k = 0; k < 8; k++) {
            // Well before the 30 s timeout: woken by the push, not by the timer.
            assertThat(waiting.get(k).get(10, TimeUnit.SECONDS)).containsExactly("later:" + k, "v" + k);
        }
        assertEveryRackHolds("later:", 8, List.of("w"));
    }

    @Test
    void manyWaitersOnOneKeyEachTakeOneElementOnce() throws Exception {
        List<CompletableFuture<List<String>>> waiting = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            int node = c % cluster.size();
            waiting.add(CompletableFuture.supplyAsync(() -> {
                try (Jedis j = client(node)) {
                    return j.brpop(30, "shared");
                }
            }));
        }
        try (Jedis pusher = client(1)) {
            for (int i = 0; i < 6; i++) {
                pusher.lpush("shared", "e" + i);
            }
        }
        List<String> taken = new ArrayList<>();
        for (CompletableFuture<List<String>> w : waiting) {
            taken.add(w.get(20, TimeUnit.SECONDS).get(1));
        }
        assertThat(taken).containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4", "e5");
        for (int node = 0; node < cluster.size(); node++) {
            int n = node;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Jedis j = client(n)) {
                    assertThat(j.llen("shared")).as("node %d", n).isZero();
                }
            });
        }
    }

    @Test
    void aTimeoutAnswersNilAfterAboutTheTimeout() {
        for (int node = 0; node < cluster.size(); node++) {
            try (Jedis j = client(node)) {
                long start = System.nanoTime();
                assertThat(j.blpop(1, "empty:" + node)).isNull();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(millis).as("node %d", node).isBetween(900L, 6000L);
            }
        }
        try (Jedis j = client(0)) {
            // Longer than one slice (2 s) towards a remote primary: still one answer, at the end.
            long start = System.nanoTime();
            assertThat(j.brpop(3, "empty:a", "empty:a")).isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(2900L, 9000L);
        }
    }

    @Test
    void repliesAreARedisServersByteForByte() {
        String script = "RPUSH {l}a x y z\r\nZADD {l}z 1 m 2 n\r\n"
                + "BLPOP {l}b {l}a 1\r\nBRPOP {l}a 1\r\nBLMOVE {l}a {l}c LEFT RIGHT 1\r\nBRPOPLPUSH {l}c {l}a 1\r\n"
                + "BZPOPMIN {l}z 1\r\nBZPOPMAX {l}y {l}z 1\r\nBLPOP {l}none 0.1\r\nBLMOVE {l}none {l}c LEFT LEFT 0.1\r\n"
                + "BZPOPMIN {l}none 0.05\r\nBLPOP {l}a abc\r\nBLPOP {l}a -1\r\nSET {l}s v\r\nBLPOP {l}s 1\r\n"
                + "LRANGE {l}a 0 -1\r\nLRANGE {l}c 0 -1\r\n";
        int replies = 17;
        for (int node = 0; node < cluster.size(); node++) {
            try (Jedis j = client(node)) {
                j.del("{l}a", "{l}c", "{l}z", "{l}s");
            }
            try (Jedis r = new Jedis(reference.host(), reference.port())) {
                r.flushAll();
            }
            assertThat(transcript(cluster.clientPort(node), script, replies)).as("through node %d", node)
                    .isEqualTo(transcript(reference.port(), script, replies));
        }
    }

    @Test
    void keysOnDifferentOwnersAreRefusedUnlessTheyHashAlike() {
        try (Jedis j = client(0)) {
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                keys.add("spread:" + k);
            }
            keys.add("1");
            assertThatThrownBy(() -> j.blpop(1, keys.toArray(String[]::new)))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("hash tag");
            j.rpush("{t}2", "x");
            assertThat(j.blpop(1, "{t}1", "{t}2")).containsExactly("{t}2", "x");
        }
    }

    @Test
    void aClientThatLeftTakesNothing() {
        String key = keyWhosePrimaryIs(0);
        long id;
        try (RawSocket gone = new RawSocket(cluster.clientPort(0))) {
            id = Long.parseLong(gone.call("CLIENT ID\r\n").substring(1));
            gone.send("BLPOP " + key + " 30\r\n");
        }
        try (Jedis j = client(0)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !j.clientList().contains("id=" + id + " "));
        }
        try (Jedis pusher = client(1); Jedis taker = client(2)) {
            pusher.rpush(key, "kept");
            // Ordered after the push on the key's lane, as a pop for the parked request would have been.
            assertThat(taker.lpop(key)).isEqualTo("kept");
        }
    }

    /** A key node {@code node} is the primary of (its rack is the key's primary rack). */
    private static String keyWhosePrimaryIs(int node) {
        Topology t = cluster.node(node).topology();
        KeyHasher hasher = KeyHasher.of(cluster.node(node).config().hash(), "{}");
        for (int k = 0; ; k++) {
            String key = "mine:" + k;
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            long hash = hasher.token(bytes, 0, bytes.length);
            List<Rack> racks = t.localDcRacks();
            if (racks.get(Topology.primaryRack(racks, hash)).owner(hash).local()) {
                return key;
            }
        }
    }

    @Test
    void aNodeAloneServesBlockingPopsWithoutItsDatastoreBlocking() throws Exception {
        try (NodeFixture alone = NodeFixture.start("redis", Backend.redisServer())) {
            CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> {
                try (Jedis j = new Jedis("127.0.0.1", alone.port(), 60_000)) {
                    return j.blpop(30, "q");
                }
            });
            try (Jedis j = new Jedis("127.0.0.1", alone.port(), 10_000)) {
                j.rpush("q", "x");
                assertThat(waiting.get(10, TimeUnit.SECONDS)).containsExactly("q", "x");
                assertThat(j.blpop(0.2, "q")).isNull();
            }
            try (Jedis server = new Jedis("127.0.0.1", alone.redis().port(), 10_000)) {
                // The node's shared connections to redis-server never carried a blocking command: only attempts.
                assertThat(server.info("commandstats")).doesNotContain("cmdstat_blpop").contains("cmdstat_lmpop");
            }
        }
    }

    private static List<String> transcript(int port, String script, int replies) {
        try (RawSocket s = new RawSocket(port)) {
            s.send(script);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < replies; i++) {
                out.add(s.readReply());
            }
            return out;
        }
    }

    /** Every node (one per rack) ends with {@code rest + k} in each list {@code prefix + k}. */
    private static void assertEveryRackHolds(String prefix, int count, List<String> rest) {
        for (int node = 0; node < cluster.size(); node++) {
            int n = node;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Jedis j = client(n)) {
                    for (int k = 0; k < count; k++) {
                        int key = k;
                        assertThat(j.lrange(prefix + k, 0, -1)).as("node %d, key %d", n, k)
                                .containsExactlyElementsOf(rest.stream().map(r -> r + key).toList());
                    }
                }
            });
        }
    }
}
