package io.dynoj.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundConnectionTickTest {

    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(100);

    @Test
    void firstTickLandsOnAMultipleOfTheTick() {
        for (long now : new long[] {0, 1, TICK - 1, TICK, TICK + 1, 123_456_789_012L, -1, -TICK - 7, Long.MIN_VALUE / 2}) {
            long delay = OutboundConnection.firstTickDelay(now, TICK);
            assertThat(delay).as("delay from %d", now).isGreaterThan(0).isLessThanOrEqualTo(TICK);
            assertThat(Math.floorMod(now + delay, TICK)).as("phase from %d", now).isZero();
        }
    }

    @Test
    void connectionsStartedAtDifferentTimesTickTogether() {
        long a = 1_000_000_003L;
        long b = a + 37_000_000L;
        long firstA = a + OutboundConnection.firstTickDelay(a, TICK);
        long firstB = b + OutboundConnection.firstTickDelay(b, TICK);
        assertThat(firstB - firstA).isIn(0L, TICK);
    }
}
