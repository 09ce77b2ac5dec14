package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RespClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** A datastore that stops or stalls gives clients a clear error in bounded time, never a hang. */
class DatastoreFailureIT {

    private NodeFixture fixture;

    @BeforeEach
    void start() {
        fixture = NodeFixture.builder("redis", Backend.redisServer()).configure(c -> c.timeoutMillis(400)).start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void stoppedDatastoreIsAnErrorAndTheNodeRecoversWhenItReturns() {
        try (Jedis j = new Jedis("127.0.0.1", fixture.port(), 10_000)) {
            j.set("k", "v");
            fixture.redis().stop();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> j.get("k")).isInstanceOf(JedisDataException.class)
                            .hasMessageContaining("datastore"));
            assertThat(j.ping()).as("the client connection stays usable").isEqualTo("PONG");
            fixture.redis().restart();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(j.set("k2", "v2")).isEqualTo("OK"));
            assertThat(j.get("k2")).isEqualTo("v2");
        }
    }

    @Test
    void stalledDatastoreTimesOutWithAnErrorInsteadOfHanging() {
        try (Jedis j = new Jedis("127.0.0.1", fixture.port(), 10_000);
             RespClient direct = fixture.redis().client()) {
            j.set("k", "v");
            direct.call("CLIENT", "PAUSE", "3000", "ALL");
            long started = System.nanoTime();
            assertThatThrownBy(() -> j.get("k")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
            direct.call("CLIENT", "UNPAUSE");
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(j.get("k")).isEqualTo("v"));
        }
        assertThat(fixture.node().metrics().counter("datastore.redis.timeouts").getCount()).isPositive();
    }
}
