package io.dynoj.core.peer;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** Counters of the links to one peer. */
final class PeerMetrics {

    final Counter requests;
    final Counter failed;
    final Counter timeouts;

    PeerMetrics(MetricRegistry registry, String peerName) {
        String prefix = "peer." + MetricRegistry.name(peerName.replace('/', '.').replace(':', '_'));
        requests = registry.counter(prefix + ".requests");
        failed = registry.counter(prefix + ".failed");
        timeouts = registry.counter(prefix + ".timeouts");
    }
}
