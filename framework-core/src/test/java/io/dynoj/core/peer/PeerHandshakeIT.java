package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocol;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.fake.MapDatastoreProvider;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.RawSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two real nodes of one rack, each owning half the keys: of the same cluster they serve every key through
 * either node; of two clusters each refuses the other's hello, requests that need the other fail saying
 * why, and each side logs the refusal once however often the other retries.
 */
class PeerHandshakeIT {

    private static final int KEYS = 20;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(PeerHelloHandler.class),
            (Logger) LoggerFactory.getLogger(PeerConnection.class));
    private LineProtocol lineProtocol;

    @BeforeEach
    void setUp() {
        lineProtocol = LineProtocol.install();
        logged.start();
        loggers.forEach(l -> l.addAppender(logged));
    }

    @AfterEach
    void tearDown() {
        loggers.forEach(l -> l.detachAppender(logged));
        lineProtocol.close();
    }

    /** Node {@code i} of two ({@code ports} their peer ports) in cluster {@code cluster}. */
    private static NodeFixture node(int i, int[] ports, String cluster) {
        int other = 1 - i;
        return NodeFixture.builder(LineProtocolAdapter.NAME, Backend.store(MapDatastoreProvider.TYPE))
                .configure(c -> c.dynListen(new HostPort("127.0.0.1", ports[i]))
                        .dynSeeds(List.of("127.0.0.1:" + ports[other] + ":r1:dc1:" + token(other)))
                        .datacenter("dc1").rack("r1").tokens(List.of(token(i)))
                        .clusterName(cluster).ioThreads(1))
                .start();
    }

    private static long token(int i) {
        return i == 0 ? 1_000_000_000L : 3_000_000_000L;
    }

    private static List<String> setKeys(int clientPort) {
        List<String> replies = new ArrayList<>();
        try (RawSocket client = new RawSocket(clientPort)) {
            for (int k = 0; k < KEYS; k++) {
                replies.add(client.call("SET key" + k + " v" + k + "\n"));
            }
        }
        return replies;
    }

    private List<String> logLines(Class<?> logger) {
        return logged.list.stream().filter(e -> e.getLoggerName().equals(logger.getName()))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void nodesOfOneClusterSayHelloAndServeEveryKeyThroughEitherNode() {
        int[] ports = {FreePorts.next(), FreePorts.next()};
        try (NodeFixture a = node(0, ports, "alpha"); NodeFixture b = node(1, ports, "alpha")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> a.node().peersConnected() && b.node().peersConnected());
            assertThat(setKeys(a.port())).containsOnly("OK");
            assertThat(setKeys(b.port())).containsOnly("OK");
            assertThat(logged.list).isEmpty();
        }
    }

    @Test
    void aPeerOfAnotherClusterIsRefusedAndRequestsThatNeedItFailSayingWhy() {
        int[] ports = {FreePorts.next(), FreePorts.next()};
        try (NodeFixture a = node(0, ports, "alpha"); NodeFixture b = node(1, ports, "beta")) {
            // Each retries its refused hello with backoff; wait for a few refusals on both sides.
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    a.node().metrics().counter("peer_server.refused").getCount() >= 3
                            && b.node().metrics().counter("peer_server.refused").getCount() >= 3);
            assertThat(a.node().peersConnected()).isFalse();
            List<String> replies = setKeys(a.port());
            assertThat(replies).contains("OK");
            assertThat(replies).filteredOn(r -> !r.equals("OK")).isNotEmpty().allSatisfy(r -> assertThat(r)
                    .startsWith("ERR peer dc1/r1/127.0.0.1:" + ports[1] + " is not reachable: it refused our hello: ")
                    .endsWith("cluster name 'alpha' is not this node's 'beta'"));

            // One line per side and direction, not one per retry.
            assertThat(logLines(PeerHelloHandler.class)).hasSize(2)
                    .anySatisfy(l -> assertThat(l).contains("cluster name 'alpha' is not this node's 'beta'"))
                    .anySatisfy(l -> assertThat(l).contains("cluster name 'beta' is not this node's 'alpha'"));
            assertThat(logLines(PeerConnection.class)).hasSize(2)
                    .anySatisfy(l -> assertThat(l).contains(
                            "refused our hello: cluster name 'alpha' is not this node's 'beta'"))
                    .anySatisfy(l -> assertThat(l).contains(
                            "refused our hello: cluster name 'beta' is not this node's 'alpha'"));
        }
    }
}
