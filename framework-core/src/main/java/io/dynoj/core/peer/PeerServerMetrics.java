package io.dynoj.core.peer;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peer server's metrics: {@code peer_server.in_flight} (the most requests one peer connection has
 * unanswered now), {@code peer_server.paused} (times reading from a peer connection stopped at its
 * bound), {@code peer_server.refused} (hellos refused) and {@code peer_server.unserved} (frames of a
 * kind this node does not serve, answered with an error). Not under {@code peer.}, whose next part
 * names a peer ({@code PrometheusName}). Thread-safe.
 */
final class PeerServerMetrics {

    static final String IN_FLIGHT = "peer_server.in_flight";

    final Counter paused;
    final Counter refused;
    final Counter unserved;
    private final Set<PeerServerHandler> open = ConcurrentHashMap.newKeySet();

    PeerServerMetrics(MetricRegistry registry) {
        paused = registry.counter("peer_server.paused");
        refused = registry.counter("peer_server.refused");
        unserved = registry.counter("peer_server.unserved");
        registry.remove(IN_FLIGHT);
        registry.gauge(IN_FLIGHT, () -> (Gauge<Integer>) this::maxInFlight);
    }

    void opened(PeerServerHandler connection) {
        open.add(connection);
    }

    void closed(PeerServerHandler connection) {
        open.remove(connection);
    }

    private int maxInFlight() {
        int max = 0;
        for (PeerServerHandler c : open) {
            max = Math.max(max, c.inFlight());
        }
        return max;
    }
}
