package io.dynoj.core.node;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import com.codahale.metrics.jmx.ObjectNameFactory;
import java.util.Hashtable;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The node's metrics as JMX MBeans in the domain {@code io.dynoj}, named
 * {@code io.dynoj:node=<client address>,type=<counters|gauges|timers...>,name=<metric>}: the node key
 * keeps several nodes of one JVM (tests, a local cluster) apart. Started once the node serves,
 * stopped (its MBeans unregistered) when it stops.
 */
final class MetricsJmx {

    static final String DOMAIN = "io.dynoj";

    private MetricsJmx() {
    }

    /** Registers {@code registry}'s metrics, and those added later, under {@code node}; {@code stop()} undoes it. */
    static JmxReporter start(MetricRegistry registry, String node) {
        JmxReporter reporter = JmxReporter.forRegistry(registry)
                .inDomain(DOMAIN)
                .createsObjectNamesWith(names(node))
                .build();
        reporter.start();
        return reporter;
    }

    static ObjectNameFactory names(String node) {
        return (type, domain, name) -> {
            Hashtable<String, String> keys = new Hashtable<>();
            keys.put("node", quoteIfNeeded(node));
            keys.put("type", type);
            keys.put("name", quoteIfNeeded(name));
            try {
                return new ObjectName(domain, keys);
            } catch (MalformedObjectNameException e) {
                // The values are quoted whenever they hold a character ObjectName reserves.
                throw new IllegalArgumentException("cannot name MBean " + name + " of node " + node, e);
            }
        };
    }

    private static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n' || c == '\\') {
                return ObjectName.quote(value);
            }
        }
        return value;
    }
}
