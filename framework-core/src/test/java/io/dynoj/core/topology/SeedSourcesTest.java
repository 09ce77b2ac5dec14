package io.dynoj.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSourcesTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void floridaIsConfiguredAsDynomiteDoesThroughTheEnvironmentAndASectionWins() {
        ConfigSection none = ConfigSection.empty("florida_provider");
        assertThat(FloridaTopologySource.endpoint(none, Map.of()))
                .hasToString("http://127.0.0.1:8080/REST/v1/admin/get_seeds");
        Map<String, String> env = Map.of("DYNOMITE_FLORIDA_IP", "10.0.0.9", "DYNOMITE_FLORIDA_PORT", "9090",
                "DYNOMITE_FLORIDA_REQUEST", "GET /seeds?app=x HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(FloridaTopologySource.endpoint(none, env)).hasToString("http://10.0.0.9:9090/seeds?app=x");
        ConfigSection section = ConfigSection.of("florida_provider", JSON.createObjectNode().put("port", 7070));
        assertThat(FloridaTopologySource.endpoint(section, env)).hasToString("http://10.0.0.9:7070/seeds?app=x");
        assertThatThrownBy(() -> FloridaTopologySource.endpoint(none, Map.of("DYNOMITE_FLORIDA_PORT", "x")))
                .hasMessageContaining("DYNOMITE_FLORIDA_PORT");
    }

    @Test
    void dnsReadsTxtRecordsOnly() {
        ConfigSection none = ConfigSection.empty("dns_provider");
        assertThat(DnsTopologySource.settings(none, Map.of()).name()).isEqualTo("_dynomite.ec2-internal");
        assertThat(DnsTopologySource.settings(none, Map.of("DYNOMITE_DNS_NAME", "_dyno.example")).name())
                .isEqualTo("_dyno.example");
        assertThatThrownBy(() -> DnsTopologySource.settings(none, Map.of("DYNOMITE_DNS_TYPE", "A")))
                .hasMessageContaining("use TXT");
        assertThat(DnsTopologySource.unquote("\"a:1:r:dc:0|\" \"b:2:r:dc:5\"")).isEqualTo("a:1:r:dc:0|b:2:r:dc:5");
    }

    @Test
    void aSeedListHoldingTheNodeItselfMakesItLocalNotAPeer() {
        NodeConfig config = NodeConfig.builder().dynListen(new HostPort("0.0.0.0", 8101)).datacenter("dc1").rack("r1")
                .tokens(List.of(100L)).build();
        TopologySourceContext context = new TopologySourceContext(config, StaticTopology.self(config), new MetricRegistry());
        SeedListSource source = new SeedListSource(context, () -> "", "test", 1000);
        Topology t = source.topology("10.0.0.1:8101:r1:dc1:100|10.0.0.2:8101:r1:dc1:200|10.0.0.3:8101:r2:dc1:100", 7);
        assertThat(t.version()).isEqualTo(7);
        assertThat(t.nodes()).hasSize(3);
        assertThat(t.local().peerAddress()).isEqualTo(new HostPort("0.0.0.0", 8101));
        assertThat(t.localDcRacks()).hasSize(2);
    }
}
