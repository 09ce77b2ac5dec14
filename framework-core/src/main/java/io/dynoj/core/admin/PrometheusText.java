package io.dynoj.core.admin;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Dropwizard registry in the Prometheus text exposition format, version 0.0.4. Names map as
 * {@link PrometheusName} says; then:
 * <ul>
 *   <li>counters become {@code counter}s named {@code ..._total} (Dynoj's counters only go up: levels
 *       such as open connections are gauges);</li>
 *   <li>gauges with a number (or boolean, as 1/0) become {@code gauge}s; others are left out;</li>
 *   <li>meters become {@code counter}s of their count (rates are Prometheus's job);</li>
 *   <li>timers become {@code summary}s in seconds ({@code ..._seconds}), histograms {@code summary}s
 *       of their own unit, each with the quantiles 0.5, 0.75, 0.95, 0.98, 0.99, 0.999 of its recent
 *       samples and {@code _count}; no {@code _sum}, which Dropwizard does not keep.</li>
 * </ul>
 * Each family is written once (HELP, TYPE, then all its samples), families sorted by name.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(PrometheusText.class);
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;

    private PrometheusText() {
    }

    private record Sample(String suffix, Map<String, String> labels, double value) {
    }

    private record Family(String name, String type, String help, List<Sample> samples) {
    }

    static String render(MetricRegistry registry) {
        Map<String, Family> families = new TreeMap<>();
        for (Map.Entry<String, Metric> e : new TreeMap<>(registry.getMetrics()).entrySet()) {
            add(families, e.getKey(), e.getValue());
        }
        StringBuilder out = new StringBuilder(4096);
        for (Family f : families.values()) {
            out.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            for (Sample s : f.samples()) {
                out.append(f.name()).append(s.suffix());
                appendLabels(out, s.labels());
                out.append(' ').append(format(s.value())).append('\n');
            }
        }
        return out.toString();
    }

    private static void add(Map<String, Family> families, String name, Metric metric) {
        PrometheusName pn = PrometheusName.of(name);
        if (metric instanceof Gauge<?> gauge) {
            Double value = gaugeValue(name, gauge);
            if (value != null) {
                family(families, name, pn, "gauge", "").samples().add(new Sample("", pn.labels(), value));
            }
        } else if (metric instanceof Timer timer) {
            summary(family(families, name, pn, "summary", "_seconds"), pn, timer, NANOS_PER_SECOND);
        } else if (metric instanceof Sampling && metric instanceof Counting) { // a Histogram
            summary(family(families, name, pn, "summary", ""), pn, metric, 1);
        } else if (metric instanceof Counting counting) { // a Counter or a Meter
            String suffix = pn.family().endsWith("_total") ? "" : "_total";
            family(families, name, pn, "counter", suffix).samples().add(new Sample("", pn.labels(), counting.getCount()));
        }
    }

    private static void summary(Family family, PrometheusName pn, Metric metric, double divisor) {
        Snapshot snapshot = ((Sampling) metric).getSnapshot();
        for (double q : QUANTILES) {
            Map<String, String> labels = new LinkedHashMap<>(pn.labels());
            labels.put("quantile", format(q));
            family.samples().add(new Sample("", labels, snapshot.getValue(q) / divisor));
        }
        family.samples().add(new Sample("_count", pn.labels(), ((Counting) metric).getCount()));
    }

    /**
     * The family {@code name} maps to, created on first use. Two metrics whose names sanitise alike
     * but differ in type must not share a family (the text would be invalid), so the later one gets
     * its type appended.
     */
    private static Family family(Map<String, Family> families, String dropwizardName, PrometheusName pn, String type,
                                 String suffix) {
        String name = pn.family() + suffix;
        Family f = families.get(name);
        if (f != null && !f.type().equals(type)) {
            name = name + "_" + type;
            f = families.get(name);
        }
        if (f == null) {
            f = new Family(name, type, help(dropwizardName, pn), new ArrayList<>());
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

    private static void appendLabels(StringBuilder out, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"");
            String v = label.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
        out.append('}');
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A sample value as Prometheus reads it: integers without a fraction, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
