package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.Binaries;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pipelined write load on one node of a 3-rack cluster leaves every rack with the same keys: no
 * replicated write is dropped (under Dynomite, ~20,000 at a time vanish from an overfull peer queue).
 */
class ClusterLoadIT {

    @Test
    void pipelinedSetLoadReachesEveryRack() throws Exception {
        String bench = Binaries.require("redis-benchmark", "redis-tools").toString();
        try (ClusterFixture cluster = ClusterFixture.builder(Place.racks("dc1", 3, 1), "redis", Backend.redisServer())
                .start()) {
            Process p = new ProcessBuilder(bench, "-p", Integer.toString(cluster.clientPort(0)), "-t", "set",
                    "-P", "16", "-c", "50", "-n", "300000", "-r", "10000000", "-q").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("SET: ").doesNotContain("ERR");
            long expected = dbSize(cluster.redis(0));
            assertThat(expected).isGreaterThan(250_000);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(dbSize(cluster.redis(1))).isEqualTo(expected);
                assertThat(dbSize(cluster.redis(2))).isEqualTo(expected);
            });
            assertThat(cluster.node(0).metrics().counter("router.replication_failed").getCount()).isZero();
        }
    }

    private static long dbSize(RedisServer backend) {
        try (RespClient c = backend.client()) {
            return c.dbSize();
        }
    }
}
