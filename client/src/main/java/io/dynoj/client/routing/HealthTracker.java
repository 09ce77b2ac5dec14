package io.dynoj.client.routing;

import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * Which nodes to avoid. The client reports every connection error and every success per node; a node the
 * tracker marks down is tried only when no other node can serve an operation, until the tracker lets a
 * request probe it again. Implementations are called concurrently from the application's threads and must
 * be thread-safe and cheap (one call per command).
 */
public interface HealthTracker {

    /** Whether the node may be used now (up, or down and due for a probe). */
    boolean isAvailable(HostAndPort node);

    /** A command on the node succeeded (or the node answered with an error about the command itself). */
    void success(HostAndPort node);

    /** Connecting to the node, or a command on it, failed with a connection error. */
    void failure(HostAndPort node, Exception cause);

    /** The nodes marked down now. */
    Set<HostAndPort> down();

    /**
     * The default: {@code threshold} connection errors within {@code window} mark a node down; it is probed
     * again after {@code retryDelay}, doubled after each failed probe up to {@code maxRetryDelay}; one
     * success marks it up.
     */
    static HealthTracker errorRate(int threshold, java.time.Duration window, java.time.Duration retryDelay,
                                   java.time.Duration maxRetryDelay) {
        return new ErrorRateHealthTracker(threshold, window, retryDelay, maxRetryDelay);
    }
}
