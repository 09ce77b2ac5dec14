package io.dynoj.client.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class ErrorRateHealthTrackerTest {

    private static final HostAndPort NODE = new HostAndPort("10.0.0.1", 8102);
    private static final IOException REFUSED = new IOException("Connection refused");

    @Test
    void errorsUnderTheThresholdKeepANodeAndASuccessForgetsThem() {
        HealthTracker health = HealthTracker.errorRate(3, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));
        health.failure(NODE, REFUSED);
        health.failure(NODE, REFUSED);
        assertThat(health.isAvailable(NODE)).isTrue();
        health.success(NODE);
        health.failure(NODE, REFUSED);
        health.failure(NODE, REFUSED);
        assertThat(health.isAvailable(NODE)).isTrue();
        assertThat(health.down()).isEmpty();
    }

    @Test
    void theThresholdMarksANodeDownUntilItsProbeIsDueAndASuccessBringsItBack() {
        HealthTracker health = HealthTracker.errorRate(2, Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(1));
        health.failure(NODE, REFUSED);
        health.failure(NODE, REFUSED);
        assertThat(health.isAvailable(NODE)).isFalse();
        assertThat(health.down()).containsExactly(NODE);
        await().atMost(Duration.ofSeconds(2)).until(() -> health.isAvailable(NODE));
        health.success(NODE);
        assertThat(health.down()).isEmpty();
        assertThat(health.isAvailable(NODE)).isTrue();
    }

    @Test
    void aFailedProbeDoublesTheDelay() {
        HealthTracker health = HealthTracker.errorRate(1, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(5));
        health.failure(NODE, REFUSED);
        await().atMost(Duration.ofSeconds(2)).until(() -> health.isAvailable(NODE));
        long probeFailed = System.nanoTime();
        health.failure(NODE, REFUSED); // the probe fails: next probe in 200 ms
        assertThat(health.isAvailable(NODE)).isFalse();
        await().atMost(Duration.ofSeconds(2)).until(() -> health.isAvailable(NODE));
        assertThat(Duration.ofNanos(System.nanoTime() - probeFailed)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
