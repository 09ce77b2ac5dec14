package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser accepts the format's valid forms and rejects each violation it claims to catch. */
class PrometheusParserTest {

    private static final String VALID = """
            # HELP requests_total Requests served.\\nSecond line.
            # TYPE requests_total counter
            requests_total{command="get"} 12
            requests_total{command="set",peer="a\\\\b \\"q\\" \\n"} 3 1700000000000
            # a comment
            # TYPE latency_seconds summary
            latency_seconds{command="get",quantile="0.5"} 1.5e-05
            latency_seconds{command="get",quantile="0.99"} NaN
            latency_seconds_count{command="get"} 12
            latency_seconds_sum{command="get"} 0.0002
            # TYPE sizes histogram
            sizes_bucket{le="1"} 0
            sizes_bucket{le="+Inf"} 2
            sizes_sum 3
            sizes_count 2
            # TYPE up gauge
            up -Inf
            untyped_thing +Inf
            """;

    @Test
    void parsesFamiliesTypesLabelsAndValues() {
        Map<String, PrometheusParser.Family> families = PrometheusParser.parse(VALID);
        assertEquals(java.util.List.of("requests_total", "latency_seconds", "sizes", "up", "untyped_thing"),
                java.util.List.copyOf(families.keySet()));
        PrometheusParser.Family requests = families.get("requests_total");
        assertEquals("counter", requests.type());
        assertEquals("Requests served.\nSecond line.", requests.help());
        assertEquals("a\\b \"q\" \n", requests.samples().get(1).labels().get("peer"));
        assertEquals(3.0, requests.samples().get(1).value());
        PrometheusParser.Family latency = families.get("latency_seconds");
        assertEquals("summary", latency.type());
        assertEquals(4, latency.samples().size());
        assertEquals(1.5e-5, latency.samplesWith(Map.of("quantile", "0.5")).get(0).value());
        assertTrue(Double.isNaN(latency.samplesWith(Map.of("quantile", "0.99")).get(0).value()));
        assertEquals(Double.NEGATIVE_INFINITY, families.get("up").samples().get(0).value());
        assertEquals("untyped", families.get("untyped_thing").type());
    }

    @Test
    void rejectsEachViolation() {
        String[] bad = {
            "no_newline 1",
            "bad-name 1\n",
            "x{0bad=\"v\"} 1\n",
            "x{__reserved=\"v\"} 1\n",
            "x{a=v} 1\n",
            "x{a=\"v} 1\n",
            "x{a=\"\\t\"} 1\n",
            "x{a=\"1\",a=\"2\"} 1\n",
            "x{a=\"1\"}1\n",
            "x one\n",
            "x 1 2.5\n",
            "x 1\nx 2\n",
            "# TYPE x counter\n# TYPE x counter\nx 1\n",
            "# TYPE x kounter\nx 1\n",
            "x 1\n# TYPE x counter\n",
            "# TYPE x counter\nx 1\n# TYPE y gauge\ny 1\nx{a=\"b\"} 2\n",
            "# TYPE s summary\ns 1\n",
            "# TYPE s summary\ns_count{quantile=\"0.5\"} 1\n",
            "# TYPE h histogram\nh_bucket 1\n",
        };
        for (String text : bad) {
            assertThrows(IllegalArgumentException.class, () -> PrometheusParser.parse(text), text);
        }
    }
}
