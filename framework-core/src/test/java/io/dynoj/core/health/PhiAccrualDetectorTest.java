package io.dynoj.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The detector with the default settings on a fake clock (nanoseconds counted by the test). */
class PhiAccrualDetectorTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String PEER = "dc1/rack2/10.0.0.2:8101";

    private final PhiAccrualDetector detector = new PhiAccrualDetector(PhiAccrualDetector.Settings.DEFAULTS);
    private long now = 1_000_000 * MS;

    /** Heartbeats every {@code intervalMs} for {@code count} beats, checking the state just before each. */
    private void beats(long intervalMs, int count) {
        for (int i = 0; i < count; i++) {
            now += intervalMs * MS;
            assertThat(detector.state(PEER, now)).as("just before beat %d every %d ms", i, intervalMs)
                    .isEqualTo(PeerState.UP);
            detector.heartbeat(PEER, now);
        }
    }

    /** Ms after the last heartbeat at which the peer is first {@code state}, judged every 100 ms. */
    private long firstTime(PeerState state) {
        long last = now;
        for (long t = last; t < last + 60_000 * MS; t += 100 * MS) {
            PeerState s = detector.state(PEER, t);
            if (s.compareTo(state) >= 0) {
                return (t - last) / MS;
            }
        }
        throw new AssertionError("never " + state);
    }

    @Test
    void aPeerNeverHeardOfHasNoSuspicion() {
        assertThat(detector.phi(PEER, now)).isZero();
        assertThat(detector.state(PEER, now)).isEqualTo(PeerState.UP);
    }

    @Test
    void steadyHeartbeatsStayUpIdleAndBusy() {
        detector.heartbeat(PEER, now);
        beats(550, 200);   // an idle link: a ping every 500 ms plus the tick
        beats(100, 1000);  // a busy one, sampled every 100 ms
        beats(550, 200);
        assertThat(detector.phi(PEER, now + 550 * MS)).isLessThan(0.01);
    }

    @Test
    void anIdlePeerThatStopsIsSuspectThenDownWithinTheBound() {
        detector.heartbeat(PEER, now);
        beats(550, 100);
        long suspect = firstTime(PeerState.SUSPECT);
        long down = firstTime(PeerState.DOWN);
        // The last heartbeat came at most one ping interval before the stop: DOWN well within 5 s of it.
        assertThat(suspect).isBetween(2000L, down - 100);
        assertThat(down).isBetween(2500L, 4000L);
    }

    @Test
    void aBusyPeerThatStopsIsDownWithinTheBound() {
        detector.heartbeat(PEER, now);
        beats(100, 600);
        long down = firstTime(PeerState.DOWN);
        assertThat(down).isBetween(2200L, 3600L);
    }

    @Test
    void aOneSecondPauseUnderLoadIsNotEvenSuspect() {
        detector.heartbeat(PEER, now);
        beats(100, 600);
        for (long gap = 0; gap <= 1300; gap += 10) {
            assertThat(detector.state(PEER, now + gap * MS)).as("%d ms into the pause", gap).isEqualTo(PeerState.UP);
        }
        now += 1300 * MS;
        detector.heartbeat(PEER, now);
        beats(100, 50); // and after it, busy as before, still UP
    }

    @Test
    void aPeerHeardOfAgainIsUpAndItsOutageIsNotLearnt() {
        detector.heartbeat(PEER, now);
        beats(550, 100);
        long firstDown = firstTime(PeerState.DOWN);
        now += 8000 * MS; // an 8 s SIGSTOP
        assertThat(detector.state(PEER, now)).isEqualTo(PeerState.DOWN);
        detector.heartbeat(PEER, now);
        assertThat(detector.state(PEER, now)).isEqualTo(PeerState.UP);
        beats(550, 10);
        // The 8 s gap was not taken as a normal interval: the next stop is detected as fast.
        assertThat(firstTime(PeerState.DOWN)).isEqualTo(firstDown);
    }

    @Test
    void phiGrowsWithSilenceAndIgnoresOldHeartbeats() {
        detector.heartbeat(PEER, now);
        beats(500, 20);
        double earlier = detector.phi(PEER, now + 2500 * MS);
        double later = detector.phi(PEER, now + 3000 * MS);
        assertThat(later).isGreaterThan(earlier);
        detector.heartbeat(PEER, now - 100 * MS); // an older reading from another connection
        assertThat(detector.phi(PEER, now + 3000 * MS)).isEqualTo(later);
        detector.forget(PEER);
        assertThat(detector.phi(PEER, now + 3000 * MS)).isZero();
    }

    @Test
    void phiOfTheNormalDistribution() {
        // At the mean, half the heartbeats are later: phi = -log10(0.5).
        assertThat(PhiAccrualDetector.phi(1000, 1000, 100)).isCloseTo(0.301, org.assertj.core.data.Offset.offset(0.01));
        // Five deviations above: the logistic approximation's tail there is 5e-8 (the true one 3e-7).
        assertThat(PhiAccrualDetector.phi(1500, 1000, 100)).isCloseTo(7.3, org.assertj.core.data.Offset.offset(0.05));
        assertThat(PhiAccrualDetector.phi(100_000, 1000, 100)).isInfinite();
    }
}
