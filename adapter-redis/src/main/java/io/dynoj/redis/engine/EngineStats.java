package io.dynoj.redis.engine;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures INFO reports, read from the node's metric registry (what framework-core's
 * ServerMetrics and CommandTimers count: connections, requests, errors, a timer per command), with
 * the baselines CONFIG RESETSTAT sets, since registry counters only go up. Thread-safe.
 */
public final class EngineStats {

    // The names framework-core's ServerMetrics and CommandTimers register.
    private static final String CONNECTIONS = "client.connections";
    private static final String CONNECTIONS_OPENED = "client.connections.opened";
    private static final String REJECTED = "client.connections.rejected";
    private static final String REQUESTS = "client.requests";
    private static final String ERRORS = "client.errors";
    private static final String COMMAND_PREFIX = "client.command.";

    private final MetricRegistry registry;
    private final long startedAtMillis;
    private final Map<String, Long> baselines = new ConcurrentHashMap<>();
    private long lastSampleMillis;
    private long lastSampleRequests;
    private long opsPerSecond;

    EngineStats(MetricRegistry registry, long startedAtMillis) {
        this.registry = registry;
        this.startedAtMillis = startedAtMillis;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    long connectedClients() {
        Gauge<?> gauge = registry.getGauges().get(CONNECTIONS);
        return gauge != null && gauge.getValue() instanceof Number n ? n.longValue() : 0;
    }

    long connectionsReceived() {
        return counter(CONNECTIONS_OPENED);
    }

    long rejectedConnections() {
        return counter(REJECTED);
    }

    long commandsProcessed() {
        return counter(REQUESTS);
    }

    long errorReplies() {
        return counter(ERRORS);
    }

    /** Commands per second since the previous call (INFO's instantaneous_ops_per_sec, sampled per call). */
    synchronized long opsPerSecond(long nowMillis) {
        long requests = counter(REQUESTS);
        long elapsed = nowMillis - lastSampleMillis;
        if (lastSampleMillis != 0 && elapsed >= 100) {
            opsPerSecond = (requests - lastSampleRequests) * 1000 / elapsed;
        }
        if (lastSampleMillis == 0 || elapsed >= 100) {
            lastSampleMillis = nowMillis;
            lastSampleRequests = requests;
        }
        return opsPerSecond;
    }

    /** Each command's timer (by command name) and its calls since the last reset. */
    SortedMap<String, long[]> commandCalls() {
        SortedMap<String, long[]> calls = new TreeMap<>();
        for (Map.Entry<String, Timer> e : registry.getTimers((name, m) -> name.startsWith(COMMAND_PREFIX)).entrySet()) {
            long count = e.getValue().getCount() - baselines.getOrDefault(e.getKey(), 0L);
            if (count > 0) {
                double meanNanos = e.getValue().getSnapshot().getMean();
                calls.put(e.getKey().substring(COMMAND_PREFIX.length()), new long[] {count, (long) (meanNanos * count / 1000)});
            }
        }
        return calls;
    }

    /** Latency percentiles of each command in microseconds: p50, p99, p99.9 (over the timers' recent window). */
    SortedMap<String, double[]> commandLatencies() {
        SortedMap<String, double[]> out = new TreeMap<>();
        registry.getTimers((name, m) -> name.startsWith(COMMAND_PREFIX)).forEach((name, timer) -> {
            if (timer.getCount() > baselines.getOrDefault(name, 0L)) {
                var s = timer.getSnapshot();
                out.put(name.substring(COMMAND_PREFIX.length()),
                        new double[] {s.getMedian() / 1000, s.get99thPercentile() / 1000, s.get999thPercentile() / 1000});
            }
        });
        return out;
    }

    /** CONFIG RESETSTAT: counting starts again from now. */
    void reset() {
        registry.getCounters().forEach((name, c) -> baselines.put(name, c.getCount()));
        registry.getTimers().forEach((name, t) -> baselines.put(name, t.getCount()));
    }

    private long counter(String name) {
        Counter c = registry.getCounters().get(name);
        return c == null ? 0 : c.getCount() - baselines.getOrDefault(name, 0L);
    }
}
