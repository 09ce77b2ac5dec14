package io.dynoj.core.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The phi-accrual failure detector (Hayashibara et al.; as Akka and Cassandra build it): the intervals
 * between a peer's heartbeats are taken as normally distributed, their mean shifted by an acceptable pause
 * and their deviation kept at least {@code minStdDeviation}; phi is -log10 of the probability that the
 * next heartbeat comes even later than now. So a peer heard of every few milliseconds under load and one
 * heard of every ping interval when idle are judged on the same scale.
 *
 * <p>Why these defaults ({@link Settings#DEFAULTS}, against the bounds: DOWN within 5 s, a 1 s
 * pause never DOWN): a busy link is sampled every 100 ms, an idle one pinged every 500 ms. With a 1.5 s
 * acceptable pause and a 200 ms minimum deviation, phi crosses 8 (DOWN) about 2.7 s after the last
 * heartbeat of a busy peer and 3.1 s after an idle one's (more where the intervals jitter: node processes
 * on a loaded 2-core machine measured up to 4.3 s with a 2 s pause, hence 1.5), while a 1 s pause keeps
 * phi under 0.1 and 1.5 s under 0.2 (SUSPECT, phi 1, comes near 1.9 s). Intervals longer than the
 * acceptable pause (an outage) are not learnt, so one outage does not slow the next detection.
 *
 * <p>Thread-safe: each peer's window is locked while read or written.
 */
public final class PhiAccrualDetector implements FailureDetector {

    /**
     * @param firstIntervalMillis the interval assumed before any is measured (the ping interval)
     * @param minStdDeviationMillis the least deviation assumed, so a very regular peer is not judged too fast
     * @param acceptablePauseMillis silence that is still normal (a GC pause, a loaded machine)
     * @param phiSuspect phi from which a peer is SUSPECT
     * @param phiDown phi from which a peer is DOWN
     * @param windowSize how many intervals are remembered
     */
    public record Settings(long firstIntervalMillis, long minStdDeviationMillis, long acceptablePauseMillis,
                           double phiSuspect, double phiDown, int windowSize) {

        public static final Settings DEFAULTS = new Settings(500, 200, 1500, 1, 8, 100);

        public Settings {
            if (phiSuspect <= 0 || phiDown < phiSuspect) {
                throw new IllegalArgumentException("expected 0 < phi suspect <= phi down, got " + phiSuspect
                        + " and " + phiDown);
            }
        }
    }

    private final Settings settings;
    private final double minStdDeviation;
    private final double acceptablePause;
    private final Map<String, ArrivalWindow> windows = new ConcurrentHashMap<>();

    public PhiAccrualDetector(Settings settings) {
        this.settings = settings;
        this.minStdDeviation = TimeUnit.MILLISECONDS.toNanos(settings.minStdDeviationMillis());
        this.acceptablePause = TimeUnit.MILLISECONDS.toNanos(settings.acceptablePauseMillis());
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void heartbeat(String peer, long nanos) {
        ArrivalWindow w = windows.computeIfAbsent(peer, p -> new ArrivalWindow(settings.windowSize()));
        synchronized (w) {
            if (w.last == Long.MIN_VALUE) {
                // Akka's bootstrap: two intervals around the first estimate, so phi has a scale from the start.
                long first = TimeUnit.MILLISECONDS.toNanos(settings.firstIntervalMillis());
                w.add(first - first / 4);
                w.add(first + first / 4);
            } else if (nanos - w.last <= 0) {
                return;
            } else if (nanos - w.last <= acceptablePause) {
                w.add(nanos - w.last);
            }
            w.last = nanos;
        }
    }

    @Override
    public double phi(String peer, long nanos) {
        ArrivalWindow w = windows.get(peer);
        if (w == null) {
            return 0;
        }
        double mean;
        double deviation;
        long since;
        synchronized (w) {
            if (w.isEmpty()) {
                return 0;
            }
            mean = w.mean() + acceptablePause;
            deviation = Math.max(w.stdDeviation(), minStdDeviation);
            since = nanos - w.last;
        }
        return phi(since, mean, deviation);
    }

    /**
     * -log10(1 - F(since)) for the normal distribution (mean, deviation), F by the logistic approximation
     * Akka uses (within 0.0002 of the true CDF); written in two forms so that neither underflows.
     */
    static double phi(double since, double mean, double deviation) {
        double y = (since - mean) / deviation;
        double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        return since > mean ? -Math.log10(e / (1.0 + e)) : -Math.log10(1.0 - 1.0 / (1.0 + e));
    }

    @Override
    public PeerState state(String peer, long nanos) {
        double phi = phi(peer, nanos);
        return phi >= settings.phiDown() ? PeerState.DOWN
                : phi >= settings.phiSuspect() ? PeerState.SUSPECT : PeerState.UP;
    }

    @Override
    public void forget(String peer) {
        windows.remove(peer);
    }
}
