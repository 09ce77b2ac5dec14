package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.RawRespClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A 3-rack cluster whose nodes ask clients for credentials (Jedis, Lettuce, redis-py, raw RESP): clients
 * authenticate to the node they talk to; the
 * writes they make reach every rack over the peer links, which client authentication does not concern.
 */
class RedisAuthClusterIT {

    @TempDir
    Path dir;

    @Test
    void credentialedClientsWriteThroughOneRackAndReadThroughTheOthers() throws Exception {
        Path acl = Files.write(dir.resolve("users.acl"), List.of("user app on >apppw ~app:* +@read +@write"));
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.store("memory"))
                .configure(c -> c.requirepass("clusterpw").aclFile(acl)).start()) {
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", cluster.clientPort(0)),
                    DefaultJedisClientConfig.builder().password("clusterpw").build())) {
                for (int i = 0; i < 50; i++) {
                    assertThat(jedis.set("app:" + i, "v" + i)).isEqualTo("OK");
                }
            }
            RedisClient lettuce = RedisClient.create(RedisURI.builder().withHost("127.0.0.1")
                    .withPort(cluster.clientPort(1)).withAuthentication("app", "apppw".toCharArray())
                    .withTimeout(Duration.ofSeconds(30)).build());
            try (StatefulRedisConnection<String, String> connection = lettuce.connect()) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    for (int i = 0; i < 50; i++) {
                        assertThat(connection.sync().get("app:" + i)).isEqualTo("v" + i);
                    }
                });
            } finally {
                lettuce.shutdown();
            }
            assertThat(RedisAuthIT.redisPy(cluster.clientPort(2), "app", "apppw", dir)).isEqualTo("OK");
            for (int node = 0; node < 3; node++) {
                try (RawRespClient raw = new RawRespClient("127.0.0.1", cluster.clientPort(node))) {
                    assertThat(raw.call("GET", "app:1")).isEqualTo(RedisAuthIT.NOAUTH);
                    assertThat(raw.call("AUTH", "app", "apppw")).isEqualTo("+OK\r\n");
                    // Replication to the other racks runs after the write's answer (DC_ONE): wait for it.
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(raw.call("GET", "app:1")).isEqualTo("$2\r\nv1\r\n"));
                    assertThat(raw.call("GET", "other")).startsWith("-NOPERM");
                }
            }
        }
    }
}
