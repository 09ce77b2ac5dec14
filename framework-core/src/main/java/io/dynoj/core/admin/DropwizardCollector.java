package io.dynoj.core.admin;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Dropwizard registry as the Prometheus client's metric snapshots, which its writers turn into the
 * Prometheus text format or OpenMetrics. Names map as {@link PrometheusName} says (the part the
 * client's own Dropwizard bridge cannot do: a variable part of a name, such as a peer's dotted name,
 * becomes a label); then:
 * <ul>
 *   <li>counters and meters become counters of their count (written {@code ..._total}); levels such as
 *       open connections are gauges in Dynoj;</li>
 *   <li>gauges with a number (or boolean, as 1/0) become gauges; others, and gauges that throw, are
 *       left out;</li>
 *   <li>timers become summaries in seconds ({@code ..._seconds}), histograms summaries of their own
 *       unit, each with the quantiles 0.5, 0.75, 0.95, 0.98, 0.99, 0.999 of its snapshot (for a
 *       {@link io.dynoj.core.metrics.LatencyTimer}, the last one to two minutes) and the count; no
 *       {@code _sum}, which Dropwizard does not keep.</li>
 * </ul>
 * Metrics whose names map to one family become its data points. A family name already taken by a
 * metric of another type gets that type appended: in OpenMetrics a counter {@code x_total} and a gauge
 * {@code x} would be one family of two types, which scrapers reject.
 *
 * <p>Runs only when collected (a scrape), on the caller's thread; reading the registry is thread-safe.
 */
final class DropwizardCollector implements MultiCollector {

    private static final Logger log = LoggerFactory.getLogger(DropwizardCollector.class);
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;

    private enum Kind { COUNTER, GAUGE, SUMMARY }

    private final Supplier<MetricRegistry> registry;

    /** {@code registry} is asked on every collection, so it may hand out a different one each time. */
    DropwizardCollector(Supplier<MetricRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Family> families = new TreeMap<>();
        for (Map.Entry<String, Metric> e : new TreeMap<>(registry.get().getMetrics()).entrySet()) {
            add(families, e.getKey(), e.getValue());
        }
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        families.values().forEach(f -> out.metricSnapshot(f.snapshot()));
        return out.build();
    }

    private static void add(Map<String, Family> families, String name, Metric metric) {
        PrometheusName pn = PrometheusName.of(name);
        if (metric instanceof Gauge<?> gauge) {
            Double value = gaugeValue(name, gauge);
            if (value != null) {
                family(families, name, pn, Kind.GAUGE, pn.family())
                        .add(GaugeDataPointSnapshot.builder().value(value).labels(labels(pn)).build());
            }
        } else if (metric instanceof Timer timer) {
            summary(family(families, name, pn, Kind.SUMMARY, pn.family() + "_seconds"), pn, timer, NANOS_PER_SECOND);
        } else if (metric instanceof Sampling && metric instanceof Counting) { // a Histogram
            summary(family(families, name, pn, Kind.SUMMARY, pn.family()), pn, metric, 1);
        } else if (metric instanceof Counting counting) { // a Counter or a Meter
            // The writers add _total: a counter named x.total must not come out as x_total_total.
            String base = pn.family().endsWith("_total")
                    ? pn.family().substring(0, pn.family().length() - "_total".length()) : pn.family();
            family(families, name, pn, Kind.COUNTER, base)
                    .add(CounterDataPointSnapshot.builder().value(counting.getCount()).labels(labels(pn)).build());
        }
    }

    private static void summary(Family family, PrometheusName pn, Metric metric, double divisor) {
        Snapshot snapshot = ((Sampling) metric).getSnapshot();
        Quantiles.Builder quantiles = Quantiles.builder();
        for (double q : QUANTILES) {
            quantiles.quantile(q, snapshot.getValue(q) / divisor);
        }
        family.add(SummaryDataPointSnapshot.builder().quantiles(quantiles.build())
                .count(((Counting) metric).getCount()).labels(labels(pn)).build());
    }

    private static Labels labels(PrometheusName pn) {
        return Labels.of(List.copyOf(pn.labels().keySet()), List.copyOf(pn.labels().values()));
    }

    /** The family {@code name} maps to, created on first use, renamed if another type holds the name. */
    private static Family family(Map<String, Family> families, String dropwizardName, PrometheusName pn, Kind kind,
                                 String name) {
        Family f = families.get(name);
        while (f != null && f.kind != kind) {
            name = name + "_" + kind.name().toLowerCase(Locale.ROOT);
            f = families.get(name);
        }
        if (f == null) {
            f = new Family(kind, new MetricMetadata(name, help(dropwizardName, pn)));
            families.put(name, f);
        }
        return f;
    }

    /** {@code Dropwizard metric peer.<peer>.requests}: the source name, its labelled part named. */
    private static String help(String dropwizardName, PrometheusName pn) {
        String pattern = dropwizardName;
        for (Map.Entry<String, String> label : pn.labels().entrySet()) {
            pattern = pattern.replace(label.getValue(), "<" + label.getKey() + ">");
        }
        return "Dropwizard metric " + pattern;
    }

    private static Double gaugeValue(String name, Gauge<?> gauge) {
        Object value;
        try {
            value = gauge.getValue();
        } catch (RuntimeException e) {
            // One broken gauge must not take the whole export down.
            log.debug("gauge {} failed", name, e);
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    /** One family's data points, each label set once (two names that sanitise alike would repeat one). */
    private static final class Family {

        private final Kind kind;
        private final MetricMetadata metadata;
        private final Set<Labels> seen = new HashSet<>();
        private final List<DataPointSnapshot> points = new ArrayList<>();

        Family(Kind kind, MetricMetadata metadata) {
            this.kind = kind;
            this.metadata = metadata;
        }

        void add(DataPointSnapshot point) {
            if (seen.add(point.getLabels())) {
                points.add(point);
            } else {
                log.debug("{}{} repeats a series; left out", metadata.getName(), point.getLabels());
            }
        }

        MetricSnapshot snapshot() {
            return switch (kind) {
                case COUNTER -> new CounterSnapshot(metadata, points.stream().map(CounterDataPointSnapshot.class::cast).toList());
                case GAUGE -> new GaugeSnapshot(metadata, points.stream().map(GaugeDataPointSnapshot.class::cast).toList());
                case SUMMARY -> new SummarySnapshot(metadata, points.stream().map(SummaryDataPointSnapshot.class::cast).toList());
            };
        }
    }
}
