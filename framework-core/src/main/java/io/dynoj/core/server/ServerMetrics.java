package io.dynoj.core.server;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** The client-side figures of a node: connections and requests. Counters only, cheap on the request path. */
final class ServerMetrics {

    private final Counter connections;
    private final Counter connectionsTotal;
    private final Counter connectionsRejected;
    private final Counter requests;
    private final Counter errors;

    ServerMetrics(MetricRegistry registry) {
        connections = registry.counter("client.connections");
        connectionsTotal = registry.counter("client.connections.total");
        connectionsRejected = registry.counter("client.connections.rejected");
        requests = registry.counter("client.requests");
        errors = registry.counter("client.errors");
    }

    void connectionOpened() {
        connections.inc();
        connectionsTotal.inc();
    }

    void connectionClosed() {
        connections.dec();
    }

    void connectionRejected() {
        connectionsRejected.inc();
    }

    void request() {
        requests.inc();
    }

    void error() {
        errors.inc();
    }
}
