package io.dynoj.memcached.datastore;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** Counters of one memcached datastore: requests sent, failures, timeouts, reconnections, hand-offs. */
final class MemcachedDatastoreMetrics {

    final Counter requests;
    final Counter errors;
    final Counter timeouts;
    final Counter reconnects;
    final Counter crossThread;

    MemcachedDatastoreMetrics(MetricRegistry registry, String prefix) {
        requests = registry.counter(prefix + ".requests");
        errors = registry.counter(prefix + ".errors");
        timeouts = registry.counter(prefix + ".timeouts");
        reconnects = registry.counter(prefix + ".reconnects");
        crossThread = registry.counter(prefix + ".cross_thread_handoffs");
    }
}
