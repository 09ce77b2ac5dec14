package io.dynoj.core.health;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's state (UP, SUSPECT, DOWN) as this node judges it: from the {@link FailureDetector}'s phi, and
 * from its connections (none up for {@code downAfter} = DOWN, which catches a killed peer, whose connections
 * are refused, faster than silence would). A DOWN peer is UP again once a connection to it is up and it was
 * heard of (a PONG, a late answer, a new connection's HELLO_OK); it does not pass through SUSPECT.
 *
 * <p>Each change is logged once, with how long the previous state lasted and what failed meanwhile
 * (requests failed, timeouts): the only log of a peer's outage, however many requests it fails.
 *
 * <p>Threading: {@link #evaluate} runs on one thread (the links' monitor); {@link #state()}, {@link #phi()}
 * and {@link #requestSent} may be read from any.
 */
public final class PeerHealth {

    private static final Logger log = LoggerFactory.getLogger(PeerHealth.class);
    /** A monitor that ran this late was itself paused (GC, a starved machine): it judges nobody this round. */
    private static final long MONITOR_STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String id;
    private final String name;
    private final FailureDetector detector;
    private final long downAfterNanos;
    private final LongSupplier failed;
    private final LongSupplier timeouts;
    private final Counter wentSuspect;
    private final Counter wentDown;
    private final Counter cameUp;
    private volatile PeerState state = PeerState.UP;
    private volatile double phi;
    /** When the DOWN peer was first heard of again, until the first request is sent to it; 0 otherwise. */
    private volatile long returnedAt;
    private volatile long returnNanos = -1;
    private long since;
    private long lastHeard;
    private boolean heard;
    private long lastConnected;
    private long lastEvaluation;
    private long failedAtChange;
    private long timeoutsAtChange;

    /**
     * @param id the peer's node id (the detector's key)
     * @param name how logs and metrics name it
     * @param failed requests to it that failed so far; {@code timeouts} those that timed out
     * @param metricPrefix {@code peer.<name>}: the counters {@code .went_suspect}, {@code .went_down} and
     *     {@code .came_up} are registered under it
     */
    public PeerHealth(String id, String name, FailureDetector detector, long downAfterMillis, long nowNanos,
                      LongSupplier failed, LongSupplier timeouts, MetricRegistry metrics, String metricPrefix) {
        this.id = id;
        this.name = name;
        this.detector = detector;
        this.downAfterNanos = TimeUnit.MILLISECONDS.toNanos(downAfterMillis);
        this.failed = failed;
        this.timeouts = timeouts;
        this.wentSuspect = metrics.counter(metricPrefix + ".went_suspect");
        this.wentDown = metrics.counter(metricPrefix + ".went_down");
        this.cameUp = metrics.counter(metricPrefix + ".came_up");
        this.since = nowNanos;
        this.lastConnected = nowNanos;
        this.lastEvaluation = nowNanos;
    }

    public PeerState state() {
        return state;
    }

    /** The phi of the last evaluation. */
    public double phi() {
        return phi;
    }

    /**
     * Ms from the first sign of life of a peer that was DOWN to the first request sent to it after, for its
     * last return; -1 before any, and while it is DOWN.
     */
    public long returnMillis() {
        return returnNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(returnNanos);
    }

    /**
     * A request is being sent to the peer: the first one after a return times the return. Any thread; one
     * volatile read when there is nothing to time.
     */
    public void requestSent(long nowNanos) {
        long at = returnedAt;
        if (at != 0 && state == PeerState.UP) {
            returnedAt = 0;
            returnNanos = nowNanos - at;
        }
    }

    /**
     * The peer was seen alive outside its links' traffic (it connected to this node and said hello): a DOWN
     * peer's return is timed from here. Any thread.
     */
    public void signOfLife(long nowNanos) {
        if (state == PeerState.DOWN && returnedAt == 0) {
            returnedAt = nowNanos;
        }
    }

    /**
     * Judges the peer at {@code now}.
     *
     * @param lastReceived when a frame last came from the peer on any connection ({@code 0}: never)
     * @param connected whether some connection to it is up
     */
    public void evaluate(long now, long lastReceived, boolean connected) {
        if (lastReceived != 0 && (!heard || lastReceived - lastHeard > 0)) {
            heard = true;
            lastHeard = lastReceived;
            detector.heartbeat(id, lastReceived);
            if (state == PeerState.DOWN && returnedAt == 0) {
                returnedAt = lastReceived;
            }
        }
        if (connected) {
            lastConnected = now;
        }
        phi = Math.min(detector.phi(id, now), 1000); // infinite once the CDF underflows: a number for gauges
        boolean stalled = now - lastEvaluation > MONITOR_STALL_NANOS;
        lastEvaluation = now;
        if (stalled) {
            return;
        }
        PeerState judged = detector.state(id, now);
        boolean unconnected = !connected && now - lastConnected >= downAfterNanos;
        PeerState next;
        if (unconnected) {
            next = PeerState.DOWN;
        } else if (state == PeerState.DOWN) {
            next = connected && judged == PeerState.UP ? PeerState.UP : PeerState.DOWN;
        } else {
            next = judged;
        }
        if (next != state) {
            change(next, now, unconnected);
        }
    }

    private void change(PeerState next, long now, boolean unconnected) {
        PeerState previous = state;
        long failedNow = failed.getAsLong();
        long timeoutsNow = timeouts.getAsLong();
        String lasted = String.format(Locale.ROOT, "after %.1f s %s, %d requests failed and %d timed out meanwhile",
                (now - since) / 1e9, previous, failedNow - failedAtChange, timeoutsNow - timeoutsAtChange);
        String silence = !heard ? "never heard of"
                : String.format(Locale.ROOT, "nothing heard for %.1f s", (now - lastHeard) / 1e9);
        switch (next) {
            case UP -> {
                cameUp.inc();
                log.info("peer {} is UP {}", name, lasted);
            }
            case SUSPECT -> {
                wentSuspect.inc();
                log.info("peer {} is SUSPECT: {} (phi {}) {}", name, silence, round(phi), lasted);
            }
            case DOWN -> {
                wentDown.inc();
                log.warn("peer {} is DOWN: {} {}; requests for it fail at once until it answers",
                        name, unconnected ? "no connection for " + TimeUnit.NANOSECONDS.toMillis(now - lastConnected)
                                + " ms, " + silence : silence + " (phi " + round(phi) + ")", lasted);
            }
            default -> throw new IllegalStateException(next.name());
        }
        if (next == PeerState.DOWN) {
            returnedAt = 0;
            returnNanos = -1; // the next return is timed afresh
        }
        state = next;
        since = now;
        failedAtChange = failedNow;
        timeoutsAtChange = timeoutsNow;
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.1f", Math.min(value, 99.9));
    }

    /** The peer left the topology. */
    public void forget() {
        detector.forget(id);
    }
}
