package io.dynoj.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The registry in JMX under io.dynoj, one node key per node, gone once stopped. */
class MetricsJmxTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void metricsAppearUnderTheNodeAndDisappearWhenStopped() throws Exception {
        MetricRegistry first = new MetricRegistry();
        MetricRegistry second = new MetricRegistry();
        first.counter("client.requests").inc(5);
        second.counter("client.requests").inc(7);
        JmxReporter a = MetricsJmx.start(first, "127.0.0.1:18102");
        JmxReporter b = MetricsJmx.start(second, "127.0.0.1:18103");
        ObjectName nameA = new ObjectName("io.dynoj:node=\"127.0.0.1:18102\",type=counters,name=client.requests");
        ObjectName nameB = new ObjectName("io.dynoj:node=\"127.0.0.1:18103\",type=counters,name=client.requests");
        try {
            assertThat(server.getAttribute(nameA, "Count")).isEqualTo(5L);
            assertThat(server.getAttribute(nameB, "Count")).as("two nodes of one JVM do not clash").isEqualTo(7L);
            first.timer("client.command.get");
            assertThat(server.isRegistered(
                    new ObjectName("io.dynoj:node=\"127.0.0.1:18102\",type=timers,name=client.command.get")))
                    .as("metrics registered later appear too").isTrue();
        } finally {
            a.stop();
            b.stop();
        }
        assertThat(server.isRegistered(nameA)).isFalse();
        assertThat(server.queryNames(new ObjectName("io.dynoj:node=\"127.0.0.1:18102\",*"), null)).isEmpty();
    }
}
