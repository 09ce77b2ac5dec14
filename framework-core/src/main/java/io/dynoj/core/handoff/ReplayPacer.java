package io.dynoj.core.handoff;

/**
 * The pace of one target's replay: a token bucket holding at most a tenth of a second of writes (and at least
 * one), refilled at {@code hint_replay_rate} per second. Only stored writes take tokens: key copies
 * ({@link Hint.Kind#REPAIR}) are few, and the target's first reads after its return wait for them.
 *
 * <p>Not thread-safe: used on the replay thread only.
 */
final class ReplayPacer {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    ReplayPacer(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond / 10.0);
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** How many writes may be sent now (at least 0). */
    int available(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * perSecond / 1e9);
        refilledAt = nowNanos;
        return (int) tokens;
    }

    /** {@code writes} were sent. */
    void take(int writes) {
        tokens -= writes;
    }
}
