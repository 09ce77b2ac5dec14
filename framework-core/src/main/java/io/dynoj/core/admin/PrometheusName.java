package io.dynoj.core.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Dropwizard metric name as a Prometheus family name and labels. Names that carry a variable part
 * become one family with a label, so queries can aggregate over it:
 * <ul>
 *   <li>{@code client.command.<command>} to {@code client_command{command="<command>"}}</li>
 *   <li>{@code peer.<peer>.<stat>} to {@code peer_<stat>{peer="<peer>"}} (the peer part may hold dots)</li>
 *   <li>{@code datastore.<type>.<stat>} to {@code datastore_<stat>{datastore="<type>"}}</li>
 * </ul>
 * Every other name maps as it is. Family names get the prefix {@code dynoj_} and every character
 * Prometheus does not allow in a name ({@code [a-zA-Z0-9_:]}) becomes {@code _}.
 *
 * @param family the sanitised family name, {@code dynoj_} included, no type suffix yet
 * @param labels label names to values, in order
 */
record PrometheusName(String family, Map<String, String> labels) {

    PrometheusName {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    static PrometheusName of(String dropwizardName) {
        if (dropwizardName.startsWith("client.command.")) {
            return labelled("client.command", "command", dropwizardName.substring("client.command.".length()));
        }
        PrometheusName withStat = byLastSegment(dropwizardName, "peer.", "peer");
        if (withStat == null) {
            withStat = byLastSegment(dropwizardName, "datastore.", "datastore");
        }
        return withStat != null ? withStat : new PrometheusName(sanitize(dropwizardName), Map.of());
    }

    /** {@code <prefix><value>.<stat>} to {@code <prefix>_<stat>{label=value}}, or {@code null} if it has no such shape. */
    private static PrometheusName byLastSegment(String name, String prefix, String label) {
        if (!name.startsWith(prefix)) {
            return null;
        }
        int lastDot = name.lastIndexOf('.');
        if (lastDot <= prefix.length() || lastDot == name.length() - 1) {
            return null;
        }
        return labelled(prefix + name.substring(lastDot + 1), label, name.substring(prefix.length(), lastDot));
    }

    private static PrometheusName labelled(String family, String label, String value) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(label, value);
        return new PrometheusName(sanitize(family), labels);
    }

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder("dynoj_".length() + name.length()).append("dynoj_");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
