package io.dynoj.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayPacerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsWithATenthOfASecondOfWritesAndRefillsAtTheRate() {
        ReplayPacer pacer = new ReplayPacer(20_000, 0);
        assertThat(pacer.available(0)).isEqualTo(2_000);
        pacer.take(2_000);
        assertThat(pacer.available(0)).isZero();
        assertThat(pacer.available(SECOND / 100)).isEqualTo(200);
        pacer.take(200);
        assertThat(pacer.available(SECOND / 100 + SECOND / 1000)).isEqualTo(20);
    }

    @Test
    void neverHoldsMoreThanItsBurstHoweverLongItWaited() {
        ReplayPacer pacer = new ReplayPacer(20_000, 0);
        assertThat(pacer.available(3600 * SECOND)).isEqualTo(2_000);
    }

    @Test
    void aSlowRateStillAllowsOneWriteAtATime() {
        ReplayPacer pacer = new ReplayPacer(5, 0);
        assertThat(pacer.available(0)).isEqualTo(1);
        pacer.take(1);
        assertThat(pacer.available(SECOND / 10)).isZero();
        assertThat(pacer.available(SECOND / 5)).isEqualTo(1);
    }
}
