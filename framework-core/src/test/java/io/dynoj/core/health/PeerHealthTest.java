package io.dynoj.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One peer's state machine on a fake clock, judged every 100 ms as the links' monitor does. */
class PeerHealthTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicLong failed = new AtomicLong();
    private long now = 1_000_000 * MS;
    private final PeerHealth health = new PeerHealth("n2@127.0.0.1:8101", "dc1/rack2/127.0.0.1:8101",
            new PhiAccrualDetector(PhiAccrualDetector.Settings.DEFAULTS), 1000, now, failed::get, () -> 0,
            metrics, "peer.n2");
    private long lastReceived;
    private boolean connected = true;

    /** {@code ms} of monitor ticks; the peer answers every {@code beatMs} (0: never). */
    private void run(long ms, long beatMs) {
        for (long t = 0; t < ms; t += 100) {
            now += 100 * MS;
            if (beatMs > 0 && (t + 100) % beatMs == 0) {
                lastReceived = now;
            }
            health.evaluate(now, lastReceived, connected);
        }
    }

    /** Ms of ticks until the state is {@code state}. */
    private long until(PeerState state, long beatMs) {
        for (long t = 100; t <= 60_000; t += 100) {
            run(100, beatMs);
            if (health.state() == state) {
                return t;
            }
        }
        throw new AssertionError("never " + state);
    }

    @Test
    void steadyAnswersKeepItUp() {
        run(30_000, 500);
        assertThat(health.state()).isEqualTo(PeerState.UP);
        assertThat(metrics.counter("peer.n2.went_suspect").getCount()).isZero();
    }

    @Test
    void aFrozenPeerIsSuspectThenDownThenUpAtItsFirstAnswer() {
        run(10_000, 500);
        long suspect = until(PeerState.SUSPECT, 0);
        failed.addAndGet(7); // requests that failed while it was suspect
        long down = until(PeerState.DOWN, 0);
        assertThat(suspect + down).as("ms from the stop to DOWN").isLessThanOrEqualTo(4500);
        assertThat(metrics.counter("peer.n2.went_down").getCount()).isEqualTo(1);
        run(5000, 0);
        assertThat(health.state()).isEqualTo(PeerState.DOWN);
        // SIGCONT: the outstanding ping's PONG comes in.
        long pong = now + 30 * MS;
        lastReceived = pong;
        now += 100 * MS;
        health.evaluate(now, lastReceived, true);
        assertThat(health.state()).isEqualTo(PeerState.UP);
        assertThat(metrics.counter("peer.n2.came_up").getCount()).isEqualTo(1);
        assertThat(health.returnMillis()).isEqualTo(-1);
        health.requestSent(now + 5 * MS);
        health.requestSent(now + 50 * MS); // only the first request after the return times it
        assertThat(health.returnMillis()).isEqualTo(75);
    }

    @Test
    void aPeerWithoutConnectionsIsDownAfterDownAfter() {
        run(5000, 500);
        connected = false;
        long down = until(PeerState.DOWN, 0);
        assertThat(down).isBetween(1000L, 1100L);
        run(3000, 0);
        // A connection that is up again is not enough: the peer must have been heard of on it.
        connected = true;
        run(100, 0);
        assertThat(health.state()).isEqualTo(PeerState.DOWN);
        run(200, 100);
        assertThat(health.state()).isEqualTo(PeerState.UP);
    }

    @Test
    void aBriefDisconnectionIsNotDown() {
        run(5000, 500);
        connected = false;
        run(800, 0);
        connected = true;
        run(2000, 500);
        assertThat(health.state()).isEqualTo(PeerState.UP);
        assertThat(metrics.counter("peer.n2.went_down").getCount()).isZero();
    }

    @Test
    void aOneSecondPauseUnderLoadIsNotDown() {
        run(10_000, 100);
        run(1200, 0);
        run(2000, 100);
        assertThat(metrics.counter("peer.n2.went_down").getCount()).isZero();
        assertThat(health.state()).isEqualTo(PeerState.UP);
    }

    @Test
    void aMonitorThatWasItselfPausedJudgesNobodyThatRound() {
        run(5000, 500);
        now += 6000 * MS; // this node stalled for 6 s; the peer's frames wait in the socket
        health.evaluate(now, lastReceived, true);
        assertThat(health.state()).isEqualTo(PeerState.UP);
        lastReceived = now + 10 * MS; // read as soon as the loop runs again
        now += 100 * MS;
        health.evaluate(now, lastReceived, true);
        assertThat(health.state()).isEqualTo(PeerState.UP);
    }
}
