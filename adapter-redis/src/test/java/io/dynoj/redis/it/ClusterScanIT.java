package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * SCAN, KEYS, DBSIZE and RANDOMKEY over a cluster of three racks of two nodes, each rack one node on
 * redis-server and one on the embedded engine: differential against one redis-server holding the same keys.
 * The entry nodes are of every rack, so each rack's nodes answer together.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScanIT {

    private static final int KEYS = 1000;
    /** An entry node in each rack (rack r1 is nodes 0 and 1, r2 2 and 3, r3 4 and 5). */
    private static final int[] ENTRIES = {0, 3, 4};

    private static ClusterFixture cluster;
    private static RedisServer reference;

    @BeforeAll
    static void start() {
        Backend redis = Backend.redisServer();
        Backend engine = Backend.store("memory");
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 2), "redis",
                        List.of(redis, engine, engine, redis, redis, engine))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE).start();
        reference = RedisServer.start();
        try (Jedis c = client(0); Jedis r = new Jedis(reference.host(), reference.port())) {
            write(c);
            write(r);
        }
        // Replication to the other racks goes on after the answer: every rack holds every key in the end.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int entry : ENTRIES) {
                try (Jedis j = client(entry)) {
                    assertThat(j.dbSize()).as("node %d's rack", entry).isEqualTo(KEYS);
                }
            }
        });
    }

    /** 800 strings, 100 hashes, 100 sets. */
    private static void write(Jedis j) {
        Pipeline p = j.pipelined();
        for (int i = 0; i < KEYS; i++) {
            if (i % 10 == 0) {
                p.hset("h:" + i, "f", "v");
            } else if (i % 10 == 1) {
                p.sadd("s:" + i, "m");
            } else {
                p.set("k:" + i, "v" + i);
            }
        }
        p.sync();
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
        return new Jedis("127.0.0.1", cluster.clientPort(node), 10_000);
    }

    private static Jedis reference() {
        return new Jedis(reference.host(), reference.port(), 10_000);
    }

    /** A full SCAN; fails on a key returned twice. */
    private static Set<String> scanAll(Jedis j, ScanParams params, String type) {
        Set<String> keys = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int steps = 0;
        do {
            ScanResult<String> step = type == null ? j.scan(cursor, params) : j.scan(cursor, params, type);
            for (String key : step.getResult()) {
                assertThat(keys.add(key)).as("%s returned once", key).isTrue();
            }
            cursor = step.getCursor();
            assertThat(++steps).as("the scan ends").isLessThan(10 * KEYS);
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    @Test
    @Order(1)
    void scanReturnsEveryKeyOnceLikeOneRedis() {
        try (Jedis ref = reference()) {
            Set<String> expected = scanAll(ref, new ScanParams().count(100), null);
            assertThat(expected).hasSize(KEYS);
            for (int entry : ENTRIES) {
                try (Jedis j = client(entry)) {
                    assertThat(scanAll(j, new ScanParams().count(10), null)).isEqualTo(expected);
                    assertThat(scanAll(j, new ScanParams().count(100), null)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    @Order(2)
    void scanMatchAndTypeFilterLikeOneRedis() {
        try (Jedis ref = reference(); Jedis j = client(3)) {
            ScanParams match = new ScanParams().match("k:1*").count(10);
            Set<String> matching = scanAll(ref, match, null);
            assertThat(matching).isNotEmpty();
            assertThat(scanAll(j, match, null)).isEqualTo(matching);
            for (String type : new String[] {"hash", "set", "string", "zset"}) {
                ScanParams params = new ScanParams().count(50);
                assertThat(scanAll(j, params, type)).as(type).isEqualTo(scanAll(ref, params, type));
            }
        }
    }

    @Test
    @Order(3)
    void keysAndDbsizeLikeOneRedis() {
        try (Jedis ref = reference()) {
            for (int entry : ENTRIES) {
                try (Jedis j = client(entry)) {
                    List<String> all = new ArrayList<>(j.keys("*"));
                    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ref.keys("*"));
                    assertThat(j.keys("h:*")).containsExactlyInAnyOrderElementsOf(ref.keys("h:*"));
                    assertThat(j.keys("nothing:*")).isEmpty();
                    assertThat(j.dbSize()).isEqualTo(ref.dbSize());
                }
            }
        }
    }

    @Test
    @Order(4)
    void randomKeyIsAnExistingKey() {
        try (Jedis ref = reference(); Jedis j = client(4)) {
            Set<String> keys = new HashSet<>(ref.keys("*"));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String key = j.randomKey();
                assertThat(keys).contains(key);
                seen.add(key);
            }
            assertThat(seen).as("not always one key").hasSizeGreaterThan(1);
        }
    }

    @Test
    @Order(5)
    void aCursorThatDoesNotDecodeIsRefusedAsRedisDoes() {
        try (Jedis ref = reference(); Jedis j = client(0)) {
            assertThatThrownBy(() -> ref.scan("abc")).hasMessage("ERR invalid cursor");
            assertThatThrownBy(() -> j.scan("abc")).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR invalid cursor");
            assertThatThrownBy(() -> j.scan("1023")).hasMessage("ERR invalid cursor");
            assertThat(j.ping()).isEqualTo("PONG");
        }
    }

    @Test
    @Order(6)
    void aNodeThatCannotBeReachedFailsTheRequestNamingIt() {
        String down = cluster.node(1).topology().local().name();
        cluster.node(1).close();
        try (Jedis j = client(0)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThatThrownBy(j::dbSize).isInstanceOf(JedisDataException.class).hasMessageContaining(down);
                assertThatThrownBy(() -> j.keys("*")).hasMessageContaining(down);
                assertThatThrownBy(() -> scanAll(j, new ScanParams().count(100), null)).hasMessageContaining(down);
            });
            assertThat(j.ping()).as("the connection stays usable").isEqualTo("PONG");
        }
        try (Jedis other = client(3)) {
            assertThat(other.dbSize()).as("another rack still answers").isEqualTo(KEYS);
        }
    }
}
