package io.dynoj.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format, version 0.0.4, for tests: it rejects
 * (with {@link IllegalArgumentException} naming the line) what Prometheus would reject and what the
 * format forbids even where Prometheus is lenient. It shares no code with Dynoj's exporter.
 *
 * <p>Checked: every line ends with {@code \n}; {@code # HELP} and {@code # TYPE} at most once per
 * family and TYPE before the family's first sample; types {@code counter gauge summary histogram
 * untyped}; metric and label names by their grammar (label names not starting with {@code __}); label
 * values with only the escapes {@code \\ \" \n}; no label twice in a sample; values as Go parses
 * floats ({@code NaN}, {@code +Inf}, {@code -Inf} included) and an optional integer timestamp; a
 * sample's name is its family's ({@code _sum}/{@code _count} for summaries, also {@code _bucket} for
 * histograms, with {@code quantile} or {@code le} where those require it); a family's samples are
 * contiguous; no series (name and labels) appears twice.
 */
public final class PrometheusParser {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI]nf|NaN)");
    private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "summary", "histogram", "untyped");

    private PrometheusParser() {
    }

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its TYPE (untyped if none was given), HELP (or {@code null}) and samples in order. */
    public record Family(String name, String type, String help, List<Sample> samples) {

        /** The samples whose labels include all of {@code labels}. */
        public List<Sample> samplesWith(Map<String, String> labels) {
            return samples.stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        }
    }

    /**
     * Parses a whole exposition.
     *
     * @return the families by name, in the order they appear
     * @throws IllegalArgumentException at the first violation, naming the line
     */
    public static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split("[ \t]+", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = parts[2];
                    requireName(name, number, line);
                    if (samples.containsKey(name)) {
                        fail(number, line, parts[1] + " after the first sample of " + name);
                    }
                    if (parts[1].equals("TYPE")) {
                        String type = parts.length == 4 ? parts[3].trim() : "";
                        if (!TYPES.contains(type)) {
                            fail(number, line, "unknown type '" + type + "'");
                        }
                        if (types.put(name, type) != null) {
                            fail(number, line, "second TYPE for " + name);
                        }
                    } else if (helps.put(name, parts.length == 4 ? unescapeHelp(parts[3], number, line) : "") != null) {
                        fail(number, line, "second HELP for " + name);
                    }
                }
                continue; // other comments are allowed anywhere
            }
            Sample sample = sample(line, number);
            String family = familyOf(sample, types, number, line);
            if (!family.equals(current)) {
                if (current != null) {
                    closed.add(current);
                }
                if (closed.contains(family)) {
                    fail(number, line, "samples of " + family + " are not contiguous");
                }
                current = family;
            }
            if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                fail(number, line, "duplicate series");
            }
            samples.computeIfAbsent(family, f -> new ArrayList<>()).add(sample);
        }
        Map<String, Family> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            String name = e.getKey();
            out.put(name, new Family(name, types.getOrDefault(name, "untyped"), helps.get(name),
                    Collections.unmodifiableList(e.getValue())));
        }
        return out;
    }

    private static String familyOf(Sample sample, Map<String, String> types, int number, String line) {
        String name = sample.name();
        String type = types.get(name);
        if (type != null) {
            if ((type.equals("summary") && !sample.labels().containsKey("quantile"))
                    || (type.equals("histogram"))) {
                fail(number, line, type + " sample " + name + " lacks its suffix or label");
            }
            return name;
        }
        for (String suffix : List.of("_sum", "_count", "_bucket")) {
            if (!name.endsWith(suffix)) {
                continue;
            }
            String base = name.substring(0, name.length() - suffix.length());
            String baseType = types.get(base);
            if ("summary".equals(baseType)) {
                if (suffix.equals("_bucket") || sample.labels().containsKey("quantile")) {
                    fail(number, line, "summary " + base + " has no such sample");
                }
                return base;
            }
            if ("histogram".equals(baseType)) {
                if (suffix.equals("_bucket") != sample.labels().containsKey("le")) {
                    fail(number, line, "histogram " + base + ": 'le' belongs on _bucket samples only");
                }
                return base;
            }
        }
        return name; // untyped
    }

    private static Sample sample(String line, int number) {
        int i = 0;
        int n = line.length();
        while (i < n && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(name, number, line);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i < n && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    fail(number, line, "label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    fail(number, line, "bad label name '" + label + "'");
                }
                i = eq + 1;
                if (i >= n || line.charAt(i) != '"') {
                    fail(number, line, "label value not quoted");
                }
                i++;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (i >= n) {
                        fail(number, line, "unterminated label value");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char esc = i < n ? line.charAt(i++) : ' ';
                        switch (esc) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> fail(number, line, "bad escape \\" + esc);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    fail(number, line, "label " + label + " given twice");
                }
                if (i < n && line.charAt(i) == ',') {
                    i++;
                } else if (i >= n || line.charAt(i) != '}') {
                    fail(number, line, "expected ',' or '}' after a label");
                }
            }
        }
        String rest = line.substring(i);
        if (rest.isEmpty() || (rest.charAt(0) != ' ' && rest.charAt(0) != '\t')) {
            fail(number, line, "no blank between the series and its value");
        }
        String[] fields = rest.trim().split("[ \t]+");
        if (fields.length < 1 || fields.length > 2 || !FLOAT.matcher(fields[0]).matches()) {
            fail(number, line, "bad value '" + rest.trim() + "'");
        }
        if (fields.length == 2 && !TIMESTAMP.matcher(fields[1]).matches()) {
            fail(number, line, "bad timestamp '" + fields[1] + "'");
        }
        return new Sample(name, Collections.unmodifiableMap(labels), parseFloat(fields[0]));
    }

    private static double parseFloat(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.equals("nan")) {
            return Double.NaN;
        }
        if (t.endsWith("inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(text);
    }

    private static String unescapeHelp(String help, int number, String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char esc = i + 1 < help.length() ? help.charAt(++i) : ' ';
            switch (esc) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                default -> fail(number, line, "bad escape in HELP \\" + esc);
            }
        }
        return out.toString();
    }

    private static void requireName(String name, int number, String line) {
        if (!METRIC_NAME.matcher(name).matches()) {
            fail(number, line, "bad metric name '" + name + "'");
        }
    }

    private static void fail(int number, String line, String why) {
        throw new IllegalArgumentException("line " + number + ": " + why + ": " + line);
    }
}
