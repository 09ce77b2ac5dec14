package io.dynoj.core.peer;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * Counters of the links to one peer, {@code peer.<name>.requests|failed|timeouts}, the timer
 * {@code peer.<name>.ping} (round trips of pings), and the gauge
 * {@code peer.<name>.connections} (registered by {@link PeerLinks}); {@code <name>} is {@link #prefix}'s.
 */
public final class PeerMetrics {

    final Counter requests;
    final Counter failed;
    final Counter timeouts;
    final Timer ping;

    PeerMetrics(MetricRegistry registry, String peerName) {
        String prefix = prefix(peerName);
        requests = registry.counter(prefix + ".requests");
        failed = registry.counter(prefix + ".failed");
        timeouts = registry.counter(prefix + ".timeouts");
        ping = registry.timer(prefix + ".ping");
    }

    /** {@code peer.dc1.rack1.10.0.0.1_8101} for the peer named {@code dc1/rack1/10.0.0.1:8101}. */
    public static String prefix(String peerName) {
        return "peer." + MetricRegistry.name(peerName.replace('/', '.').replace(':', '_'));
    }
}
