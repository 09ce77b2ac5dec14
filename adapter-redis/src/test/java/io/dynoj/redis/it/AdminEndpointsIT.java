package io.dynoj.redis.it;

import static io.dynoj.redis.it.NodeStateIT.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.PrometheusParser.Family;
import io.dynoj.testkit.PrometheusParser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** {@code /info} and {@code /metrics} of a real node after real traffic, read by Jackson and a strict parser. */
class AdminEndpointsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void infoAndMetricsReportTheTrafficPerCommand() throws Exception {
        try (NodeFixture fixture = NodeFixture.start("redis", Backend.redisServer()); Jedis jedis = new Jedis("127.0.0.1", fixture.port(), 10_000)) {
            for (int i = 0; i < 50; i++) {
                jedis.set("k" + i, "v" + i);
                jedis.get("k" + i);
            }
            jedis.ping();
            assertThatThrownBy(() -> jedis.sendCommand(() -> "NOSUCHCOMMAND".getBytes()))
                    .hasMessageContaining("unknown command"); // counted as 'unknown'
            admin(fixture.node(), "/state/standby", 200);
            assertThatThrownBy(() -> jedis.get("k0")).hasMessageContaining("STANDBY");
            admin(fixture.node(), "/state/normal", 200);

            JsonNode info = JSON.readTree(admin(fixture.node(), "/info", 200));
            JsonNode node = info.get("node");
            assertThat(node.get("state").asText()).isEqualTo("NORMAL");
            assertThat(node.get("lifecycle").asText()).isEqualTo("RUNNING");
            assertThat(node.get("protocol").asText()).isEqualTo("redis");
            assertThat(node.get("datastore").asText()).isEqualTo("redis");
            assertThat(node.get("listen").asText()).isEqualTo("127.0.0.1:" + fixture.port());
            assertThat(node.get("uptime_seconds").asLong()).isNotNegative();
            JsonNode commands = info.get("commands");
            assertThat(commands.get("set").get("count").asLong()).isEqualTo(50);
            assertThat(commands.get("get").get("count").asLong()).isEqualTo(51);
            assertThat(commands.get("ping").get("count").asLong()).isEqualTo(1);
            assertThat(commands.get("unknown").get("count").asLong()).isEqualTo(1);
            JsonNode getLatency = commands.get("get").get("latency_us");
            assertThat(getLatency.get("p50").asDouble()).isPositive();
            assertThat(getLatency.get("max").asDouble()).isGreaterThanOrEqualTo(getLatency.get("p99").asDouble());
            assertThat(info.get("clients").get("connections").asLong()).isEqualTo(1);
            long requests = info.get("clients").get("requests").asLong();
            long timed = 0;
            for (JsonNode command : commands) {
                timed += command.get("count").asLong();
            }
            assertThat(timed).as("every request is timed under its command").isEqualTo(requests);
            assertThat(requests).as("ours, and Jedis's CLIENT SETINFO at connect").isEqualTo(103 + 2);
            assertThat(commands.get("client").get("count").asLong()).isEqualTo(2);
            assertThat(info.get("clients").get("refused_by_state").asLong()).isEqualTo(1);
            assertThat(info.get("datastores").get("redis").get("requests").asLong()).isEqualTo(100);
            assertThat(info.get("peers").size()).isZero();

            Map<String, Family> metrics = PrometheusParser.parse(admin(fixture.node(), "/metrics", 200));
            Family latency = metrics.get("dynoj_client_command_seconds");
            assertThat(latency.type()).isEqualTo("summary");
            assertThat(latency.samplesWith(Map.of("command", "get", "quantile", "0.99")).get(0).value())
                    .isPositive().isLessThan(10.0);
            assertThat(metrics.get("dynoj_client_requests_total").samples().get(0).value()).isEqualTo(requests);
            assertThat(metrics.get("dynoj_datastore_requests_total").samplesWith(Map.of("datastore", "redis")).get(0).value())
                    .isEqualTo(100);
            assertThat(metrics.get("dynoj_client_connections").samples().get(0).value()).isEqualTo(1);
        }
    }
}
