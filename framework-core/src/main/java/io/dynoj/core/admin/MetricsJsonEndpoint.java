package io.dynoj.core.admin;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /metrics/json}: {@code {"counters":{name:count},"gauges":{name:value}}}, names sorted. */
final class MetricsJsonEndpoint implements AdminEndpoint {

    private static final Logger log = LoggerFactory.getLogger(MetricsJsonEndpoint.class);

    private final Supplier<MetricRegistry> metrics;

    MetricsJsonEndpoint(Supplier<MetricRegistry> metrics) {
        this.metrics = metrics;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        MetricRegistry registry = metrics.get();
        ObjectNode json = AdminJson.object();
        ObjectNode counters = json.putObject("counters");
        for (Map.Entry<String, Counter> e : registry.getCounters().entrySet()) {
            counters.put(e.getKey(), e.getValue().getCount());
        }
        ObjectNode gauges = json.putObject("gauges");
        for (@SuppressWarnings("rawtypes") Map.Entry<String, Gauge> e : registry.getGauges().entrySet()) {
            putGauge(gauges, e.getKey(), e.getValue());
        }
        return AdminResponse.json(json);
    }

    /** One broken gauge must not take the whole export down, so its failure becomes a null. */
    private static void putGauge(ObjectNode gauges, String name, Gauge<?> gauge) {
        Object value;
        try {
            value = gauge.getValue();
        } catch (RuntimeException e) {
            log.debug("gauge {} failed", name, e);
            gauges.putNull(name);
            return;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String || value == null) {
            gauges.putPOJO(name, value);
        } else {
            // Arbitrary objects might not serialize (or serialize huge); their text is enough here.
            gauges.put(name, value.toString());
        }
    }
}
