package io.dynoj.core.admin;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynoj.core.peer.PeerMetrics;
import io.dynoj.core.spi.Version;
import io.dynoj.core.state.StateGate;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /info}: Dynomite's {@code /info} figures, structured: {@code node} (version, uptime, states,
 * place in the cluster, tokens, addresses, consistency), {@code clients} (connections, requests, errors),
 * {@code commands} (per command: count and latency percentiles in microseconds, of the recent samples),
 * {@code peers} (per peer: state, phi, times it went DOWN, requests, errors, timeouts, open connections), {@code datastores} (per type)
 * and {@code router}. Everything comes from the metric registry and the node, read once per request.
 */
final class InfoEndpoint implements AdminEndpoint {

    private static final String COMMAND_PREFIX = "client.command.";

    private final AdminContext context;

    InfoEndpoint(AdminContext context) {
        this.context = context;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        MetricRegistry registry = context.metrics();
        Topology topology = context.topology();
        ObjectNode json = AdminJson.object();
        node(json.putObject("node"), topology);
        clients(json.putObject("clients"), registry);
        commands(json.putObject("commands"), registry);
        peers(json.putObject("peers"), registry, topology);
        grouped(json.putObject("datastores"), registry, "datastore.");
        hints(json.putObject("hints"), registry);
        if (context.repair() != null) {
            json.set("repair", AdminJson.MAPPER.valueToTree(context.repair().progress().describe()));
        }
        if (context.warmup() != null) {
            json.set("warmup", AdminJson.MAPPER.valueToTree(context.warmup().progress().describe()));
        }
        ObjectNode router = json.putObject("router");
        registry.getCounters((name, metric) -> name.startsWith("router."))
                .forEach((name, counter) -> router.put(name.substring("router.".length()), counter.getCount()));
        return AdminResponse.json(json);
    }

    /** Hinted handoff: its counters, then per target node what is pending. */
    private void hints(ObjectNode hints, MetricRegistry registry) {
        registry.getCounters((name, metric) -> name.startsWith("hints."))
                .forEach((name, counter) -> hints.put(name.substring("hints.".length()), counter.getCount()));
        ObjectNode targets = hints.putObject("targets");
        context.hints().forEach((node, figures) -> {
            ObjectNode t = targets.putObject(node);
            figures.forEach((k, v) -> t.putPOJO(k, v));
        });
    }

    private void node(ObjectNode node, Topology topology) {
        NodeDescription d = context.description();
        Instant now = Instant.now();
        node.put("service", "dynoj");
        node.put("version", Version.get());
        node.put("uptime_seconds", Duration.between(d.started(), now).toSeconds());
        node.put("timestamp", now.getEpochSecond());
        node.put("state", context.servingState().name());
        node.put("lifecycle", context.lifecycle());
        ClusterNode local = topology.local();
        node.put("datacenter", local.dc());
        node.put("rack", local.rack());
        node.put("node_id", local.id());
        node.put("topology_version", topology.version());
        node.put("topology_source", context.topologySource());
        node.put("topology_changed_at", context.topologyChangedAt().toString());
        ArrayNode tokens = node.putArray("tokens");
        local.tokens().forEach(tokens::add);
        node.put("protocol", d.protocol());
        node.put("datastore", d.datastore());
        node.put("listen", address(d.listen()));
        node.put("dyn_listen", address(d.dynListen()));
        node.put("stats_listen", address(d.statsListen()));
        node.put("read_consistency", context.consistency().read().name());
        node.put("write_consistency", context.consistency().write().name());
    }

    private static void clients(ObjectNode clients, MetricRegistry registry) {
        clients.put("connections", gauge(registry, "client.connections"));
        clients.put("connections_total", count(registry, "client.connections.opened"));
        clients.put("connections_refused", count(registry, "client.connections.rejected"));
        clients.put("requests", count(registry, "client.requests"));
        clients.put("errors", count(registry, "client.errors"));
        clients.put("held_behind_writes", count(registry, "client.requests.held"));
        clients.put("refused_by_state", count(registry, StateGate.REFUSED_METRIC));
    }

    private static void commands(ObjectNode commands, MetricRegistry registry) {
        for (Map.Entry<String, Timer> e : registry.getTimers((name, m) -> name.startsWith(COMMAND_PREFIX)).entrySet()) {
            Timer timer = e.getValue();
            if (timer.getCount() == 0) {
                continue;
            }
            ObjectNode command = commands.putObject(e.getKey().substring(COMMAND_PREFIX.length()));
            command.put("count", timer.getCount());
            Snapshot s = timer.getSnapshot();
            ObjectNode latency = command.putObject("latency_us");
            latency.put("mean", micros(s.getMean()));
            latency.put("p50", micros(s.getMedian()));
            latency.put("p95", micros(s.get95thPercentile()));
            latency.put("p99", micros(s.get99thPercentile()));
            latency.put("max", micros(s.getMax()));
        }
    }

    private void peers(ObjectNode peers, MetricRegistry registry, Topology topology) {
        for (ClusterNode peer : topology.nodes()) {
            if (peer.local()) {
                continue;
            }
            String prefix = PeerMetrics.prefix(peer.name());
            ObjectNode p = peers.putObject(peer.name());
            p.put("datacenter", peer.dc());
            p.put("rack", peer.rack());
            p.put("address", peer.peerAddress().toString());
            io.dynoj.core.health.PeerState state = context.peerState(peer);
            p.put("state", state == null ? null : state.name());
            p.put("phi", AdminJson.round(context.peerPhi(peer)));
            p.put("went_down", count(registry, prefix + ".went_down"));
            p.put("return_ms", gauge(registry, prefix + ".return_ms"));
            p.put("requests", count(registry, prefix + ".requests"));
            p.put("errors", count(registry, prefix + ".failed"));
            p.put("timeouts", count(registry, prefix + ".timeouts"));
            p.put("connections", gauge(registry, prefix + ".connections"));
        }
    }

    /** Counters named {@code <prefix><group>.<stat>} as {@code {group: {stat: count}}}. */
    private static void grouped(ObjectNode out, MetricRegistry registry, String prefix) {
        for (Map.Entry<String, Counter> e : registry.getCounters((name, m) -> name.startsWith(prefix)).entrySet()) {
            String rest = e.getKey().substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            ObjectNode group = out.has(rest.substring(0, dot))
                    ? (ObjectNode) out.get(rest.substring(0, dot)) : out.putObject(rest.substring(0, dot));
            group.put(rest.substring(dot + 1), e.getValue().getCount());
        }
    }

    private static long count(MetricRegistry registry, String name) {
        // getMetrics() is a view of the registry: one lookup, no copy of every counter.
        return registry.getMetrics().get(name) instanceof Counter counter ? counter.getCount() : 0;
    }

    /** A numeric gauge's value as a long; 0 when absent or not a number. */
    private static long gauge(MetricRegistry registry, String name) {
        Object value = registry.getMetrics().get(name) instanceof Gauge<?> gauge ? gauge.getValue() : null;
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** Nanoseconds to microseconds, one decimal. */
    private static double micros(double nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static String address(InetSocketAddress address) {
        return address == null ? null : address.getHostString() + ":" + address.getPort();
    }
}
