package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.net.Transport;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node's links against a real peer server: usable only after the hello, and pings timed. */
class PeerLinksIT {

    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.newGroup(1, "peer-links-it");
    private final MetricRegistry metrics = new MetricRegistry();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private PeerServer server(String cluster) throws InterruptedException {
        PeerServer server = PeerServer.bind(new HostPort("127.0.0.1", 0), transport, group, group);
        PeerIdentity identity = new PeerIdentity(cluster, "server",
                new HostPort("127.0.0.1", server.localAddress().getPort()));
        server.serve(new LineProtocolAdapter(), new HeldRequests(), new PeerServer.Settings(identity, 1 << 20, 100),
                new MetricRegistry());
        return server;
    }

    private PeerLinks links(String cluster, ClusterNode peer) {
        PeerIdentity self = new PeerIdentity(cluster, "client", new HostPort("127.0.0.1", 1));
        PeerLinks links = new PeerLinks(group, transport, self, new PeerLinks.Settings(1, 1, 2000, 2000, 1 << 20),
                metrics);
        ClusterNode local = new ClusterNode("client", "dc1", "r1", new HostPort("127.0.0.1", 1), List.of(1L), true);
        links.preparing(new Topology(1, List.of(local, peer)));
        return links;
    }

    private static ClusterNode peerAt(PeerServer server) {
        return new ClusterNode("server", "dc1", "r2", new HostPort("127.0.0.1", server.localAddress().getPort()),
                List.of(1L), false);
    }

    @Test
    void aPingOfAConnectedPeerReturnsItsRoundTripAndIsTimed() throws Exception {
        try (PeerServer server = server("alpha"); PeerLinks links = links("alpha", peerAt(server))) {
            ClusterNode peer = peerAt(server);
            await().atMost(Duration.ofSeconds(10)).until(links::allConnected);
            Duration roundTrip = links.ping(peer).get(5, TimeUnit.SECONDS);
            assertThat(roundTrip).isPositive().isLessThan(Duration.ofSeconds(5));
            assertThat(metrics.timer(PeerMetrics.prefix(peer.name()) + ".ping").getCount()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedLinkNeverCountsAsConnectedAndItsPingFailsWithTheReason() throws Exception {
        try (PeerServer server = server("beta"); PeerLinks links = links("alpha", peerAt(server))) {
            ClusterNode peer = peerAt(server);
            assertThatThrownBy(() -> links.connected().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("refused our hello: cluster name 'alpha' is not this node's 'beta'");
            assertThat(links.allConnected()).isFalse();
            assertThat(links.reachable(peer)).isFalse();
            assertThatThrownBy(() -> links.ping(peer).get(5, TimeUnit.SECONDS))
                    .hasMessageContaining("refused our hello: cluster name 'alpha' is not this node's 'beta'");
        }
    }
}
