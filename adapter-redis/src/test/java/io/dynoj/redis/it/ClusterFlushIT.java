package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RespClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Transaction;

/**
 * FLUSHALL and FLUSHDB on a cluster that allows them ({@code allow_flush_all: true}): three racks of two
 * nodes, each rack one node on redis-server and one on the embedded engine. A flush through any node empties
 * every node of every rack before it is answered, and fails the watches of every key. Then RANDOMKEY with a
 * node of the rack gone still answers from the rack's other node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFlushIT {

    private static final int KEYS = 200;
    /** An entry node in each rack (rack r1 is nodes 0 and 1, r2 2 and 3, r3 4 and 5). */
    private static final int[] ENTRIES = {0, 3, 4};

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        Backend redis = Backend.redisServer();
        Backend engine = Backend.store("memory");
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 2), "redis",
                        List.of(redis, engine, engine, redis, redis, engine))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE)
                .configure(c -> c.allowFlushAll(true)).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Jedis client(int node) {
        return new Jedis("127.0.0.1", cluster.clientPort(node), 10_000);
    }

    /** Writes the keys and waits until every rack holds all of them. */
    private static void fill() {
        try (Jedis c = client(1)) {
            Pipeline p = c.pipelined();
            for (int i = 0; i < KEYS; i++) {
                p.set("f:" + i, "v");
            }
            p.sync();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int entry : ENTRIES) {
                try (Jedis j = client(entry)) {
                    assertThat(j.dbSize()).as("node %d's rack", entry).isEqualTo(KEYS);
                }
            }
        });
    }

    private static void assertEveryNodeEmpty() {
        for (int entry : ENTRIES) {
            try (Jedis j = client(entry)) {
                assertThat(j.dbSize()).as("node %d's rack, right after the answer", entry).isZero();
            }
        }
        for (int node : List.of(0, 3, 4)) {
            try (RespClient direct = cluster.redis(node).client()) {
                assertThat(direct.dbSize()).as("node %d's redis-server", node).isZero();
            }
        }
    }

    @Test
    @Order(1)
    void flushAllThroughOneNodeEmptiesEveryNodeOfEveryRack() {
        fill();
        try (Jedis c = client(2)) {
            assertThat(c.flushAll()).isEqualTo("OK");
        }
        assertEveryNodeEmpty();
    }

    @Test
    @Order(2)
    void flushDbToo() {
        fill();
        try (Jedis c = client(5)) {
            assertThat(c.flushDB()).isEqualTo("OK");
        }
        assertEveryNodeEmpty();
    }

    @Test
    @Order(3)
    void aFlushFailsTheWatchOfEveryKey() {
        try (Jedis watcher = client(0); Jedis other = client(3)) {
            watcher.set("{fw}k", "1");
            watcher.watch("{fw}k");
            other.flushAll();
            Transaction t = watcher.multi();
            t.set("{fw}k", "2");
            assertThat(t.exec()).isNull();
            assertThat(watcher.get("{fw}k")).isNull();
        }
    }

    @Test
    @Order(4)
    void randomKeyAnswersFromTheRackWhenOneOfItsNodesIsGone() {
        fill();
        cluster.member(1).close();
        try (Jedis c = client(0)) {
            for (int i = 0; i < 20; i++) {
                assertThat(c.randomKey()).as("attempt %d", i).startsWith("f:");
            }
        }
    }
}
