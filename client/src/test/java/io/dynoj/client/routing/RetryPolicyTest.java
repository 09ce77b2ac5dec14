package io.dynoj.client.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void runOnceAndRetryN() {
        assertThat(RetryPolicy.runOnce().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.retry(3, true).maxAttempts()).isEqualTo(4);
        assertThat(RetryPolicy.retry(3, true).crossRackFallback()).isTrue();
        assertThat(RetryPolicy.retry(3, false).backoff(2)).isZero();
        assertThatThrownBy(() -> RetryPolicy.retry(-1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffIsJitteredBelowAnExponentialCeilingCappedAtTheMaximum() {
        RetryPolicy p = RetryPolicy.exponentialBackoff(5, Duration.ofMillis(10), Duration.ofMillis(50), false);
        for (int i = 0; i < 200; i++) {
            assertThat(p.backoff(1)).isLessThan(Duration.ofMillis(20));
            assertThat(p.backoff(2)).isLessThan(Duration.ofMillis(40));
            assertThat(p.backoff(10)).isLessThan(Duration.ofMillis(50));
            assertThat(p.backoff(63)).isLessThan(Duration.ofMillis(50)).isGreaterThanOrEqualTo(Duration.ZERO);
        }
    }
}
