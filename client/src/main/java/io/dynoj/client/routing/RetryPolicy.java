package io.dynoj.client.routing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often an operation is tried when a node fails with a connection error (refused, reset, timed out) or
 * refuses it because of its state, and where: the same node again, or the next node of the
 * {@link LoadBalancer}'s list (another rack). Errors the node answers about the command itself (wrong type,
 * syntax) are never retried. Implementations are immutable and thread-safe.
 *
 * <p>A write whose connection broke after it was sent may have been applied: retrying it elsewhere applies it
 * again. That is harmless for SET or DEL and not for INCR or LPUSH; Dyno retried writes too.
 */
public interface RetryPolicy {

    /** How many times in all an operation is tried, at least 1. */
    int maxAttempts();

    /** The pause before try number {@code failed + 1}. */
    Duration backoff(int failed);

    /** Whether a retry goes to the next node (another rack) rather than the same node. */
    boolean crossRackFallback();

    /** One try, no retry. */
    static RetryPolicy runOnce() {
        return new Fixed(1, Duration.ZERO, Duration.ZERO, false);
    }

    /** Up to {@code retries} more tries at once, each on the next node when {@code crossRack}. */
    static RetryPolicy retry(int retries, boolean crossRack) {
        return new Fixed(retries + 1, Duration.ZERO, Duration.ZERO, crossRack);
    }

    /**
     * Up to {@code retries} more tries, the n-th after a random pause in {@code [0, min(max, base * 2^n))}
     * (exponential backoff with full jitter), each on the next node when {@code crossRack}.
     */
    static RetryPolicy exponentialBackoff(int retries, Duration base, Duration max, boolean crossRack) {
        return new Fixed(retries + 1, base, max, crossRack);
    }

    /** The implementation of the three policies above. */
    record Fixed(int maxAttempts, Duration base, Duration max, boolean crossRackFallback) implements RetryPolicy {

        public Fixed {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
            }
        }

        @Override
        public Duration backoff(int failed) {
            if (base.isZero()) {
                return Duration.ZERO;
            }
            int shift = Math.min(failed, 30);
            long grown = base.toNanos() << shift;
            long ceiling = (grown >> shift) == base.toNanos() ? Math.min(max.toNanos(), grown) : max.toNanos();
            return Duration.ofNanos(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling)));
        }
    }
}
