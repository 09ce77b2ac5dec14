package io.dynoj.core.datastore;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** Counters of one datastore: requests sent, failures, timeouts, reconnections, thread hand-offs. */
public final class DatastoreMetrics {

    public final Counter requests;
    public final Counter errors;
    public final Counter timeouts;
    public final Counter reconnects;
    /** Requests that came from outside the node's event loops; should stay 0. */
    public final Counter crossThread;

    /** Registers {@code datastore.<type>.requests} and the others. */
    public DatastoreMetrics(MetricRegistry registry, String type) {
        String prefix = "datastore." + type;
        requests = registry.counter(prefix + ".requests");
        errors = registry.counter(prefix + ".errors");
        timeouts = registry.counter(prefix + ".timeouts");
        reconnects = registry.counter(prefix + ".reconnects");
        crossThread = registry.counter(prefix + ".cross_thread_handoffs");
    }
}
