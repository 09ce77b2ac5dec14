package io.dynoj.core.admin;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * {@code /metrics}: the node's Dropwizard metrics ({@link DropwizardCollector}) and the JVM's (memory,
 * memory pools, GC, threads, classes, buffer pools, process CPU, file descriptors and memory), written by
 * the Prometheus client in the format the {@code Accept} header asks for: OpenMetrics 1.0 for
 * {@code application/openmetrics-text} (what Prometheus asks for first), the Prometheus text format
 * 0.0.4 otherwise. The protobuf format is never answered: its writer is a jar Dynoj does not ship.
 *
 * <p>Everything is read at the scrape, on the admin server's event loop; nothing on the request path
 * changes. Stateless apart from the process-wide JVM registry, so one instance serves every connection.
 */
final class MetricsEndpoint implements AdminEndpoint {

    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private final DropwizardCollector node;

    MetricsEndpoint(Supplier<MetricRegistry> registry) {
        this.node = new DropwizardCollector(registry);
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        node.collect().forEach(all::metricSnapshot);
        Jvm.REGISTRY.scrape().forEach(all::metricSnapshot);
        ExpositionFormatWriter writer = writer(request.accept());
        ByteArrayOutputStream body = new ByteArrayOutputStream(32 * 1024);
        try {
            writer.write(body, all.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a ByteArrayOutputStream
        }
        return AdminResponse.ok(writer.getContentType(), body.toByteArray()).withHeader("Vary", "Accept");
    }

    /** The writer {@code accept} asks for, if it can write; the Prometheus text format otherwise. */
    static ExpositionFormatWriter writer(String accept) {
        ExpositionFormatWriter writer = FORMATS.findWriter(accept);
        return writer.isAvailable() ? writer : FORMATS.getPrometheusTextFormatWriter();
    }

    /**
     * The JVM's metrics in one registry for the process, built on first use: the JVM is one however many
     * nodes run in it, and the client registers them once per registry and keeps every registry it saw.
     */
    private static final class Jvm {

        static final PrometheusRegistry REGISTRY = create();

        private static PrometheusRegistry create() {
            PrometheusRegistry registry = new PrometheusRegistry();
            JvmMetrics.builder().register(registry);
            return registry;
        }
    }
}
