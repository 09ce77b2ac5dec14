package io.dynoj.client;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dynoj.core.metrics.LatencyTimer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.HostAndPort;

/**
 * What the client counts, in a Dropwizard {@link MetricRegistry} (the application's, or the client's own):
 * <ul>
 *   <li>{@code dynoj.client.op.<command>}: a timer per command (the whole operation, retries included);</li>
 *   <li>{@code dynoj.client.host.<host:port>.requests}: a timer per node (each try), and
 *       {@code ...errors}: its connection errors;</li>
 *   <li>{@code dynoj.client.failovers}: operations served by another node than the first choice;
 *       {@code dynoj.client.retries}: tries after the first; {@code dynoj.client.failed}: operations that
 *       failed on every try; {@code dynoj.client.topology.changes}: topology swaps.</li>
 * </ul>
 * Timers are framework-core's {@link LatencyTimer} (a bucket increment per update; a stock Dropwizard timer's
 * reservoir takes a lock, which 16 application threads contend on). Thread-safe; metrics are looked up once
 * and kept in maps.
 */
public final class ClientMetrics {

    private static final String PREFIX = "dynoj.client.";

    private final MetricRegistry registry;
    private final Map<String, Timer> operations = new ConcurrentHashMap<>();
    private final Map<HostAndPort, Timer> hostRequests = new ConcurrentHashMap<>();
    private final Map<HostAndPort, Counter> hostErrors = new ConcurrentHashMap<>();
    final Counter failovers;
    final Counter retries;
    final Counter failed;
    final Counter topologyChanges;

    ClientMetrics(MetricRegistry registry) {
        this.registry = registry;
        failovers = registry.counter(PREFIX + "failovers");
        retries = registry.counter(PREFIX + "retries");
        failed = registry.counter(PREFIX + "failed");
        topologyChanges = registry.counter(PREFIX + "topology.changes");
    }

    /** The registry the metrics are in. */
    public MetricRegistry registry() {
        return registry;
    }

    Timer operation(String command) {
        return operations.computeIfAbsent(command,
                c -> registry.timer(PREFIX + "op." + c.toLowerCase(Locale.ROOT), LatencyTimer::new));
    }

    Timer hostRequests(HostAndPort node) {
        return hostRequests.computeIfAbsent(node, n -> registry.timer(PREFIX + "host." + n + ".requests", LatencyTimer::new));
    }

    Counter hostErrors(HostAndPort node) {
        return hostErrors.computeIfAbsent(node, n -> registry.counter(PREFIX + "host." + n + ".errors"));
    }
}
