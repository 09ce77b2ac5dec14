package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Multi-key commands over keys on different nodes: split, run in parallel, merged in key order. */
class ClusterMultiKeyIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() {
        // Rack r1 of three nodes, r2 of two: a key's owners differ between the racks too.
        List<Place> places = new ArrayList<>(Place.racks("dc1", 1, 3));
        places.addAll(List.of(new Place("dc1", "r2", Place.TOP / 2), new Place("dc1", "r2", Place.TOP)));
        cluster = ClusterFixture.builder(places, "redis", Backend.redisServer())
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_QUORUM).start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Jedis client(int node) {
        return new Jedis("127.0.0.1", cluster.clientPort(node), 10_000);
    }

    @Test
    void msetMgetDelExistsAcrossNodes() {
        String[] keysAndValues = new String[200];
        String[] keys = new String[101];
        for (int i = 0; i < 100; i++) {
            keysAndValues[2 * i] = "mk:" + i;
            keysAndValues[2 * i + 1] = "mv:" + i;
            keys[i] = "mk:" + i;
        }
        keys[100] = "mk:missing";
        try (Jedis a = client(0); Jedis b = client(3)) {
            assertThat(a.mset(keysAndValues)).isEqualTo("OK");
            List<String> values = b.mget(keys);
            assertThat(values).hasSize(101);
            for (int i = 0; i < 100; i++) {
                assertThat(values.get(i)).isEqualTo("mv:" + i);
            }
            assertThat(values.get(100)).isNull();
            assertThat(b.exists(keys)).isEqualTo(100);
            assertThat(a.touch(keys)).isEqualTo(100);
            assertThat(a.del("mk:1", "mk:2", "mk:3", "mk:missing")).isEqualTo(3);
            assertThat(b.mget("mk:0", "mk:1", "mk:4")).containsExactly("mv:0", null, "mv:4");
        }
        assertThat(cluster.node(3).metrics().counter("router.multi_key_split").getCount()).isPositive();
    }

    @Test
    void pipelinedRequestsToDifferentOwnersStillAnswerInOrder() {
        try (Jedis j = client(1)) {
            Pipeline p = j.pipelined();
            List<Response<Long>> counts = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                counts.add(p.incr("order:" + (i % 50)));
            }
            p.sync();
            for (int i = 0; i < 3000; i++) {
                assertThat(counts.get(i).get()).isEqualTo(i / 50 + 1L);
            }
        }
    }

    @Test
    void otherMultiKeyCommandsNeedTheirKeysTogether() {
        try (Jedis j = client(2)) {
            j.sadd("{user1}:a", "x", "y");
            j.sadd("{user1}:b", "y", "z");
            assertThat(j.sunion("{user1}:a", "{user1}:b")).isEqualTo(Set.of("x", "y", "z"));
            assertThat(j.sinterstore("{user1}:c", "{user1}:a", "{user1}:b")).isEqualTo(1);
            String[] apart = apartKeys();
            assertThatThrownBy(() -> j.sunion(apart)).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("belong to different nodes");
            assertThat(j.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void scriptsLoadedThroughOneNodeRunWhereverTheirKeysLive() {
        String sha;
        try (Jedis j = client(0)) {
            sha = j.scriptLoad("return redis.call('SET', KEYS[1], ARGV[1])");
        }
        try (Jedis j = client(4)) {
            for (int i = 0; i < 20; i++) {
                assertThat(j.evalsha(sha, List.of("script:" + i), List.of("v" + i))).isEqualTo("OK");
            }
            assertThat(j.get("script:7")).isEqualTo("v7");
            assertThat(j.scriptExists(sha)).isTrue();
        }
        int holders = 0;
        for (int node = 0; node < cluster.size(); node++) {
            try (var c = cluster.redis(node).client()) {
                assertThat(c.call("SCRIPT", "EXISTS", sha)).as("node %d", node).isEqualTo(List.of(1L));
                holders += c.get("script:7") != null ? 1 : 0;
            }
        }
        assertThat(holders).as("a script's writes reach the owner in both racks (DC_QUORUM of 2)").isEqualTo(2);
    }

    /** Two keys that some rack places on different nodes. */
    private static String[] apartKeys() {
        var hasher = io.dynoj.core.hash.KeyHasher.of("murmur", "{}");
        var ring = cluster.node(0).topology().localRack();
        var first = ring.owner(hasher.token("s0".getBytes(), 0, 2));
        for (int i = 1; ; i++) {
            byte[] key = ("s" + i).getBytes();
            if (ring.owner(hasher.token(key, 0, key.length)) != first) {
                return new String[] {"s0", "s" + i};
            }
        }
    }
}
