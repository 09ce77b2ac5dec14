package io.dynoj.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressWatchdogTest {

    @Test
    void expiresOnlyAfterATickHasSeenRequestsWaitingWithoutProgress() {
        ProgressWatchdog zero = new ProgressWatchdog(0);
        assertThat(zero.expired(false)).as("nothing waits").isFalse();
        assertThat(zero.expired(true)).as("the first tick that sees requests starts the clock").isFalse();
        boolean expired = false;
        for (int i = 0; i < 1_000_000 && !expired; i++) {
            expired = zero.expired(true);
        }
        assertThat(expired).isTrue();
        zero.reset();
        assertThat(zero.expired(true)).as("after a reset the clock starts again").isFalse();
    }

    @Test
    void progressKeepsASlowServerAlive() {
        ProgressWatchdog hour = new ProgressWatchdog(3_600_000);
        assertThat(hour.expired(true)).isFalse();
        hour.progress();
        assertThat(hour.expired(true)).isFalse();
        assertThat(hour.tickMillis()).isEqualTo(250);
        assertThat(new ProgressWatchdog(20).tickMillis()).isEqualTo(10);
    }
}
