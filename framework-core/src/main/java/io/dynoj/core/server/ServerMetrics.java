package io.dynoj.core.server;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client-side figures of a node: connections, requests, errors, and each command's count and
 * latency ({@link CommandTimers}). Counters only go up; the open connections are a gauge.
 *
 * <p>Per-command timing can be switched off with {@code -Ddynoj.metrics.commands=false}, only to
 * measure what it costs (benchmarks/metrics-overhead.sh); {@link #commandTimer} then answers {@code null}.
 */
final class ServerMetrics {

    /** System property: {@code false} turns per-command timing off. */
    static final String COMMAND_METRICS_PROPERTY = "dynoj.metrics.commands";

    private final AtomicLong open = new AtomicLong();
    private final Counter connectionsTotal;
    private final Counter connectionsRejected;
    private final Counter requests;
    private final Counter errors;
    private final CommandTimers commands;

    ServerMetrics(MetricRegistry registry) {
        this(registry, !"false".equalsIgnoreCase(System.getProperty(COMMAND_METRICS_PROPERTY)));
    }

    ServerMetrics(MetricRegistry registry, boolean timeCommands) {
        registry.gauge("client.connections", () -> (Gauge<Long>) open::get);
        connectionsTotal = registry.counter("client.connections.opened");
        connectionsRejected = registry.counter("client.connections.rejected");
        requests = registry.counter("client.requests");
        errors = registry.counter("client.errors");
        commands = timeCommands ? new CommandTimers(registry) : null;
    }

    void connectionOpened() {
        open.incrementAndGet();
        connectionsTotal.inc();
    }

    void connectionClosed() {
        open.decrementAndGet();
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

    /** The timer of {@code command}, or {@code null} when per-command timing is off. */
    Timer commandTimer(String command) {
        return commands == null ? null : commands.timer(command);
    }
}
