package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Real clients (Jedis, Lettuce) use a node in front of a real redis-server as if it were Redis. */
class RedisClientsIT {

    private static NodeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = NodeFixture.start("redis", Backend.redisServer());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void flush() {
        fixture.redis().client().flushAll();
    }

    /** A generous read timeout: these tests check replies and their order, not speed (CI machines are shared). */
    private Jedis jedis() {
        return new Jedis("127.0.0.1", fixture.port(), 60_000);
    }

    @Test
    void stringsAndKeys() {
        try (Jedis j = jedis()) {
            assertThat(j.ping()).isEqualTo("PONG");
            assertThat(j.set("s", "v")).isEqualTo("OK");
            assertThat(j.get("s")).isEqualTo("v");
            assertThat(j.append("s", "w")).isEqualTo(2);
            assertThat(j.incrBy("n", 5)).isEqualTo(5);
            assertThat(j.mset("a", "1", "b", "2")).isEqualTo("OK");
            assertThat(j.mget("a", "b", "missing")).containsExactly("1", "2", null);
            assertThat(j.exists("a", "b", "missing")).isEqualTo(2);
            assertThat(j.expire("a", 100)).isEqualTo(1);
            assertThat(j.ttl("a")).isBetween(1L, 100L);
            assertThat(j.type("s")).isEqualTo("string");
            assertThat(j.del("a", "b")).isEqualTo(2);
            assertThat(j.get("a")).isNull();
            assertThat(j.dbSize()).isEqualTo(2);
            assertThatThrownBy(() -> j.incr("s")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("not an integer");
        }
    }

    @Test
    void hashesListsSetsSortedSets() {
        try (Jedis j = jedis()) {
            j.hset("h", Map.of("f1", "v1", "f2", "v2"));
            assertThat(j.hgetAll("h")).isEqualTo(Map.of("f1", "v1", "f2", "v2"));
            assertThat(j.hincrBy("h", "n", 3)).isEqualTo(3);
            j.rpush("l", "a", "b", "c");
            assertThat(j.lrange("l", 0, -1)).containsExactly("a", "b", "c");
            assertThat(j.lpop("l")).isEqualTo("a");
            j.sadd("set", "x", "y");
            assertThat(j.smembers("set")).isEqualTo(Set.of("x", "y"));
            assertThat(j.sismember("set", "x")).isTrue();
            j.zadd("z", Map.of("one", 1.0, "two", 2.0, "three", 3.0));
            assertThat(j.zrange("z", 0, -1)).containsExactly("one", "two", "three");
            assertThat(j.zscore("z", "two")).isEqualTo(2.0);
            assertThat(j.zrangeByScore("z", 2, 3)).containsExactly("two", "three");
            assertThatThrownBy(() -> j.lpush("h", "x")).hasMessageStartingWith("WRONGTYPE");
        }
    }

    @Test
    void pipelinedRepliesComeBackInOrder() {
        try (Jedis j = jedis()) {
            Pipeline p = j.pipelined();
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                p.set("k" + i, "v" + i);
                gets.add(p.get("k" + i));
            }
            p.sync();
            for (int i = 0; i < gets.size(); i++) {
                assertThat(gets.get(i).get()).isEqualTo("v" + i);
            }
        }
    }

    @Test
    void largeAndBinaryValues() {
        byte[] big = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(big);
        byte[] binaryKey = new byte[256];
        for (int i = 0; i < 256; i++) {
            binaryKey[i] = (byte) i;
        }
        try (Jedis j = jedis()) {
            assertThat(j.set(binaryKey, big)).isEqualTo("OK");
            assertThat(Arrays.equals(j.get(binaryKey), big)).isTrue();
            assertThat(j.strlen(binaryKey)).isEqualTo(big.length);
            byte[] crlf = "\r\n$3\r\n*1\r\n".getBytes(StandardCharsets.US_ASCII);
            j.set(crlf, crlf);
            assertThat(j.get(crlf)).isEqualTo(crlf);
        }
    }

    @Test
    void manyClientsAtOnceEachSeeTheirOwnRepliesInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    try (Jedis j = jedis()) {
                        Pipeline p = j.pipelined();
                        List<Response<Long>> counts = new ArrayList<>();
                        for (int i = 0; i < 2000; i++) {
                            counts.add(p.incr("counter:" + client));
                        }
                        p.sync();
                        for (int i = 0; i < counts.size(); i++) {
                            assertThat(counts.get(i).get()).isEqualTo(i + 1L);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.node().metrics().counter("datastore.redis.cross_thread_handoffs").getCount()).isZero();
    }

    @Test
    void lettuceAsyncPipelining() throws Exception {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + fixture.port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<String>> sets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sets.add(async.set("lk" + i, "lv" + i));
            }
            assertThat(LettuceFutures.awaitAll(Duration.ofSeconds(10), sets.toArray(new RedisFuture[0]))).isTrue();
            List<RedisFuture<String>> gets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                gets.add(async.get("lk" + i));
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(gets.get(i).get()).isEqualTo("lv" + i);
            }
            assertThat(connection.sync().hset("lh", "f", "v")).isTrue();
            assertThat(connection.sync().hget("lh", "f")).isEqualTo("v");
        } finally {
            client.shutdown();
        }
    }
}
