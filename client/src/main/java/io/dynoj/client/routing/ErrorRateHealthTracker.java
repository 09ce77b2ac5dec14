package io.dynoj.client.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;

/**
 * {@link HealthTracker#errorRate}: counts connection errors per node in a window; over the threshold the
 * node is down and gets one probe after a delay that doubles with each failed probe (capped), so a node that
 * comes back is in rotation again within the cap. Logs each change of a node's health once. Thread-safe:
 * one small record per node, replaced atomically ({@link ConcurrentHashMap#compute}).
 */
final class ErrorRateHealthTracker implements HealthTracker {

    private static final Logger log = LoggerFactory.getLogger(ErrorRateHealthTracker.class);

    private final int threshold;
    private final long windowNanos;
    private final long retryNanos;
    private final long maxRetryNanos;
    private final Map<HostAndPort, Health> nodes = new ConcurrentHashMap<>();

    /** A node's errors in the current window and, when down, when it may be probed and the next delay. */
    private record Health(int errors, long windowStart, boolean down, long probeAt, long delay) {
    }

    ErrorRateHealthTracker(int threshold, Duration window, Duration retryDelay, Duration maxRetryDelay) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
        }
        this.threshold = threshold;
        this.windowNanos = window.toNanos();
        this.retryNanos = retryDelay.toNanos();
        this.maxRetryNanos = Math.max(retryNanos, maxRetryDelay.toNanos());
    }

    @Override
    public boolean isAvailable(HostAndPort node) {
        Health h = nodes.get(node);
        return h == null || !h.down() || System.nanoTime() - h.probeAt() >= 0;
    }

    @Override
    public void success(HostAndPort node) {
        // The common case: a healthy node with no errors has no record at all.
        Health previous = nodes.remove(node);
        if (previous != null && previous.down()) {
            log.info("Dynoj node {} is up again", node);
        }
    }

    @Override
    public void failure(HostAndPort node, Exception cause) {
        long now = System.nanoTime();
        Health after = nodes.compute(node, (n, h) -> {
            if (h != null && h.down()) {
                // A failed probe (or a request that was already in flight): wait longer before the next.
                long delay = now - h.probeAt() >= 0 ? Math.min(maxRetryNanos, h.delay() * 2) : h.delay();
                return new Health(h.errors() + 1, h.windowStart(), true, now - h.probeAt() >= 0 ? now + delay : h.probeAt(), delay);
            }
            boolean fresh = h == null || now - h.windowStart() > windowNanos;
            int errors = fresh ? 1 : h.errors() + 1;
            long start = fresh ? now : h.windowStart();
            return errors >= threshold ? new Health(errors, start, true, now + retryNanos, retryNanos)
                    : new Health(errors, start, false, 0, 0);
        });
        if (after.down() && after.errors() == threshold) {
            log.warn("Dynoj node {} marked down after {} connection errors (last: {}); probed again in {} ms",
                    node, threshold, cause.getMessage(), retryNanos / 1_000_000);
        }
    }

    @Override
    public Set<HostAndPort> down() {
        return nodes.entrySet().stream().filter(e -> e.getValue().down()).map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
