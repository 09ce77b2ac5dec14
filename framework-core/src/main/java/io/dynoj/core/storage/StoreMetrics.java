package io.dynoj.core.storage;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/**
 * Counters of one embedded store served as a datastore: commands run, commands that failed. Named
 * like a datastore server's ({@code datastore.<type>.requests}), so {@code /info} and the Prometheus
 * export show every datastore type alike; a store has no connections, so no reconnects or timeouts.
 */
final class StoreMetrics {

    final Counter requests;
    final Counter errors;

    StoreMetrics(MetricRegistry registry, String type) {
        String prefix = "datastore." + type;
        requests = registry.counter(prefix + ".requests");
        errors = registry.counter(prefix + ".errors");
    }
}
