package io.dynoj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import io.dynoj.core.metrics.LatencyTimer;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.state.StateGate;
import io.dynoj.testkit.PrometheusParser;
import io.dynoj.testkit.PrometheusParser.Family;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code /info}, {@code /metrics} and {@code /setloglevel} through the router, bodies checked by parsers. */
class ObservabilityEndpointsTest {

    private static final String PEER = "dc1/r1/127.0.0.2:8101";

    private final FakeAdminContext context = FakeAdminContext.create();
    private final AdminRouter router = AdminRoutes.of(context);

    private AdminResponse get(String uri) {
        return get(uri, null);
    }

    private AdminResponse get(String uri, String accept) {
        return router.dispatch(HttpMethod.GET, uri, accept);
    }

    private JsonNode json(String uri) throws Exception {
        AdminResponse response = get(uri);
        assertThat(response.status().code()).as(uri).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(AdminResponse.JSON);
        return AdminJson.MAPPER.readTree(response.body());
    }

    /** What a node registers after some traffic: commands timed, a peer, a datastore, the router. */
    private void traffic() {
        MetricRegistry m = context.metrics();
        Timer get = m.timer("client.command.get");
        for (int i = 1; i <= 100; i++) {
            get.update(i * 10L, TimeUnit.MICROSECONDS);
        }
        m.timer("client.command.set").update(2, TimeUnit.MILLISECONDS);
        m.timer("client.command.unknown"); // registered, never used: left out of /info
        String peer = "peer.dc1.r1.127.0.0.2_8101";
        m.counter(peer + ".requests").inc(7);
        m.counter(peer + ".failed").inc(2);
        m.counter(peer + ".timeouts").inc(1);
        m.gauge(peer + ".connections", () -> () -> 2);
        m.counter(peer + ".went_down").inc();
        m.counter("datastore.redis.requests").inc(90);
        m.counter("datastore.redis.timeouts").inc(3);
        m.counter("router.forwarded").inc(5);
        m.counter("client.connections.opened").inc(9);
        m.counter("client.connections.rejected").inc(1);
        m.counter(StateGate.REFUSED_METRIC).inc(4);
    }

    @Test
    void infoDescribesTheNodeAndItsFigures() throws Exception {
        traffic();
        context.servingState(ServingState.WRITES_ONLY);
        JsonNode info = json("/info");

        JsonNode node = info.get("node");
        assertThat(node.get("service").asText()).isEqualTo("dynoj");
        assertThat(node.get("version").asText()).isNotEmpty();
        assertThat(node.get("uptime_seconds").asLong()).isBetween(59L, 3600L);
        assertThat(node.get("state").asText()).isEqualTo("WRITES_ONLY");
        assertThat(node.get("lifecycle").asText()).isEqualTo("RUNNING");
        assertThat(node.get("datacenter").asText()).isEqualTo("dc1");
        assertThat(node.get("rack").asText()).isEqualTo("r1");
        assertThat(node.get("tokens")).extracting(JsonNode::asLong).containsExactly(0L);
        assertThat(node.get("listen").asText()).isEqualTo("127.0.0.1:8102");
        assertThat(node.get("dyn_listen").asText()).isEqualTo("127.0.0.1:8101");
        assertThat(node.get("stats_listen").asText()).isEqualTo("127.0.0.1:22222");
        assertThat(node.get("read_consistency").asText()).isEqualTo("DC_ONE");

        JsonNode clients = info.get("clients");
        assertThat(clients.get("connections").asLong()).isEqualTo(3);
        assertThat(clients.get("connections_total").asLong()).isEqualTo(9);
        assertThat(clients.get("connections_refused").asLong()).isEqualTo(1);
        assertThat(clients.get("requests").asLong()).isEqualTo(42);
        assertThat(clients.get("refused_by_state").asLong()).isEqualTo(4);

        JsonNode commands = info.get("commands");
        assertThat(commands.has("unknown")).isFalse();
        JsonNode get = commands.get("get");
        assertThat(get.get("count").asLong()).isEqualTo(100);
        JsonNode latency = get.get("latency_us");
        assertThat(latency.get("p50").asDouble()).isBetween(490.0, 510.0);
        assertThat(latency.get("p99").asDouble()).isBetween(980.0, 1000.0);
        assertThat(latency.get("max").asDouble()).isEqualTo(1000.0);
        assertThat(latency.get("p95").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(commands.get("set").get("latency_us").get("max").asDouble()).isEqualTo(2000.0);

        JsonNode peers = info.get("peers");
        assertThat(peers).hasSize(3); // every other node of the topology, traffic or not
        JsonNode peer = peers.get(PEER);
        assertThat(peer.get("rack").asText()).isEqualTo("r1");
        assertThat(peer.get("requests").asLong()).isEqualTo(7);
        assertThat(peer.get("errors").asLong()).isEqualTo(2);
        assertThat(peer.get("timeouts").asLong()).isEqualTo(1);
        assertThat(peer.get("connections").asLong()).isEqualTo(2);
        assertThat(peer.get("state").asText()).isEqualTo("DOWN");
        assertThat(peer.get("phi").asDouble()).isEqualTo(9.5);
        assertThat(peer.get("went_down").asLong()).isEqualTo(1);
        assertThat(peers.get("dc2/r1/10.0.0.1:8102").get("state").asText()).isEqualTo("UP");
        assertThat(peers.get("dc2/r1/10.0.0.1:8102").get("requests").asLong()).isZero();

        assertThat(info.get("datastores").get("redis").get("requests").asLong()).isEqualTo(90);
        assertThat(info.get("datastores").get("redis").get("timeouts").asLong()).isEqualTo(3);
        assertThat(info.get("router").get("forwarded").asLong()).isEqualTo(5);
    }

    @Test
    void prometheusNamesGetThePrefixLabelsAndOnlyLegalCharacters() {
        assertThat(PrometheusName.of("client.requests")).isEqualTo(new PrometheusName("dynoj_client_requests", Map.of()));
        assertThat(PrometheusName.of("client.command.get"))
                .isEqualTo(new PrometheusName("dynoj_client_command", Map.of("command", "get")));
        assertThat(PrometheusName.of("peer.dc1.r1.127.0.0.2_8101.requests"))
                .isEqualTo(new PrometheusName("dynoj_peer_requests", Map.of("peer", "dc1.r1.127.0.0.2_8101")));
        assertThat(PrometheusName.of("datastore.redis.cross_thread_handoffs"))
                .isEqualTo(new PrometheusName("dynoj_datastore_cross_thread_handoffs", Map.of("datastore", "redis")));
        assertThat(PrometheusName.of("peer.").family()).isEqualTo("dynoj_peer_");
        assertThat(PrometheusName.of("weird-name/with spaces:ok").family()).isEqualTo("dynoj_weird_name_with_spaces:ok");
    }

    @Test
    void metricsIsValidPrometheusTextWithEveryKindOfMetric() {
        traffic();
        MetricRegistry m = context.metrics();
        m.gauge("node.healthy", () -> () -> true);
        m.gauge("node.name", () -> () -> "not a number");
        m.gauge("node.broken", () -> (Gauge<Integer>) () -> {
            throw new IllegalStateException("boom");
        });
        m.meter("store.flushes").mark(5);
        m.histogram("store.batch_size").update(10);
        m.timer("client.command.we\"ird\\cmd").update(1, TimeUnit.MILLISECONDS);
        m.counter("client_requests").inc(1000); // sanitises to client.requests's series: left out

        AdminResponse response = get("/metrics");
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        Map<String, Family> families = PrometheusParser.parse(response.bodyText());

        assertThat(families.get("dynoj_client_requests_total").type()).isEqualTo("counter");
        assertThat(families.get("dynoj_client_requests_total").samples()).singleElement()
                .satisfies(sample -> assertThat(sample.value()).isEqualTo(42));
        assertThat(families.get("dynoj_client_connections").type()).isEqualTo("gauge");
        assertThat(families.get("dynoj_client_connections").samples().get(0).value()).isEqualTo(3);
        // connections opened are not dynoj_client_connections_total: OpenMetrics would read a second
        // family dynoj_client_connections beside the gauge
        assertThat(families.get("dynoj_client_connections_opened_total").type()).isEqualTo("counter");
        assertThat(families.get("dynoj_client_connections_opened_total").samples().get(0).value()).isEqualTo(9);
        assertThat(families.get("dynoj_client_connections_rejected_total").samples().get(0).value()).isEqualTo(1);
        assertThat(families.get("dynoj_node_healthy").samples().get(0).value()).isEqualTo(1);
        assertThat(families).doesNotContainKeys("dynoj_node_name", "dynoj_node_broken");
        assertThat(families.get("dynoj_store_flushes_total").samples().get(0).value()).isEqualTo(5);
        assertThat(families.get("dynoj_store_batch_size").type()).isEqualTo("summary");

        Family peerRequests = families.get("dynoj_peer_requests_total");
        assertThat(peerRequests.samples()).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("peer", "dc1.r1.127.0.0.2_8101"));
        assertThat(families.get("dynoj_datastore_timeouts_total").samplesWith(Map.of("datastore", "redis")))
                .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3));

        Family commands = families.get("dynoj_client_command_seconds");
        assertThat(commands.type()).isEqualTo("summary");
        assertThat(commands.help()).contains("client.command.<command>");
        List<PrometheusParser.Sample> get = commands.samplesWith(Map.of("command", "get"));
        assertThat(get).extracting(s -> s.labels().getOrDefault("quantile", s.name()))
                .containsExactly("0.5", "0.75", "0.95", "0.98", "0.99", "0.999", "dynoj_client_command_seconds_count");
        assertThat(commands.samplesWith(Map.of("command", "get", "quantile", "0.5")).get(0).value())
                .isBetween(490e-6, 510e-6);
        assertThat(get.get(get.size() - 1).value()).isEqualTo(100);
        assertThat(commands.samplesWith(Map.of("command", "we\"ird\\cmd"))).hasSize(7);
        assertThat(commands.samplesWith(Map.of("command", "unknown", "quantile", "0.5")).get(0).value()).isZero();
    }

    @Test
    void latencyTimerQuantilesAreSecondsOfItsRecentSamples() {
        LatencyTimer timer = context.metrics().register("client.command.hget", new LatencyTimer());
        for (int i = 1; i <= 1000; i++) {
            timer.update(i, TimeUnit.MICROSECONDS); // 1 us to 1 ms, evenly
        }
        Family commands = PrometheusParser.parse(get("/metrics").bodyText()).get("dynoj_client_command_seconds");
        Map<String, Double> expected = Map.of("0.5", 500e-6, "0.75", 750e-6, "0.95", 950e-6, "0.99", 990e-6, "0.999", 999e-6);
        expected.forEach((q, seconds) -> assertThat(commands.samplesWith(Map.of("command", "hget", "quantile", q))
                .get(0).value()).as(q).isCloseTo(seconds, withinPercentage(4)));
        assertThat(commands.samplesWith(Map.of("command", "hget")).get(6).value()).isEqualTo(1000);
    }

    @Test
    void metricsAnswersOpenMetricsToWhoAsksForIt() {
        traffic();
        // what Prometheus sends by default
        AdminResponse response = get("/metrics", "application/openmetrics-text;version=1.0.0;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
        assertThat(response.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.headers()).containsEntry("Vary", "Accept");
        String text = response.bodyText();
        assertThat(text).endsWith("# EOF\n")
                .contains("# TYPE dynoj_client_requests counter\n", "dynoj_client_requests_total 42.0\n",
                        "# TYPE dynoj_client_command_seconds summary\n",
                        "dynoj_client_command_seconds_count{command=\"get\"} 100\n");
        List<String> families = text.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
        assertThat(families).as("each family once").doesNotHaveDuplicates();
    }

    @Test
    void metricsFallsBackToTextWhenProtobufOrAnythingElseIsAsked() {
        for (String accept : List.of("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3", "application/json", "*/*")) {
            AdminResponse response = get("/metrics", accept);
            assertThat(response.contentType()).as(accept).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(PrometheusParser.parse(response.bodyText())).as(accept).containsKey("jvm_threads_current");
        }
    }

    @Test
    void metricsCarriesTheJvmAndProcessMetrics() {
        Map<String, Family> families = PrometheusParser.parse(get("/metrics").bodyText());
        assertThat(families.get("jvm_memory_used_bytes").samplesWith(Map.of("area", "heap")).get(0).value()).isPositive();
        assertThat(families.get("jvm_memory_pool_used_bytes").samples()).hasSizeGreaterThan(1);
        assertThat(families.get("jvm_gc_collection_seconds").type()).isEqualTo("summary");
        assertThat(families.get("process_cpu_seconds_total").samples().get(0).value()).isPositive();
        assertThat(families.get("process_open_fds").samples().get(0).value()).isPositive();
        assertThat(families).containsKeys("jvm_threads_current", "jvm_classes_currently_loaded", "jvm_runtime_info");
    }

    @Test
    void setLogLevelChangesTheRootLoggerByNameOrDynomiteNumber() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            root.setLevel(Level.INFO);
            JsonNode answer = json("/setloglevel/debug");
            assertThat(answer.get("level").asText()).isEqualTo("DEBUG");
            assertThat(answer.get("previous").asText()).isEqualTo("INFO");
            assertThat(root.getLevel()).isEqualTo(Level.DEBUG);

            assertThat(json("/setloglevel/4").get("level").asText()).isEqualTo("WARN");
            assertThat(root.getLevel()).isEqualTo(Level.WARN);
            assertThat(json("/setloglevel/TRACE").get("level").asText()).isEqualTo("TRACE");
            assertThat(json("/setloglevel/11").get("level").asText()).isEqualTo("TRACE");
            assertThat(json("/setloglevel/0").get("level").asText()).isEqualTo("ERROR");
        } finally {
            root.setLevel(before);
        }
    }

    @Test
    void setLogLevelRefusesUnknownLevelsWith400AndChangesNothing() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        for (String uri : List.of("/setloglevel/loud", "/setloglevel/12", "/setloglevel/-1", "/setloglevel",
                "/setloglevel/info/extra")) {
            AdminResponse response = get(uri);
            assertThat(response.status().code()).as(uri).isEqualTo(400);
            assertThat(AdminJson.MAPPER.readTree(response.body()).get("error").asText()).as(uri)
                    .contains("error", "warn", "info", "debug", "trace");
        }
        assertThat(root.getLevel()).isEqualTo(before);
    }
}
