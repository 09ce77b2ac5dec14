package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.hello;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.peer.PeerFrames.Frame;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plain-text hello on a peer port that also takes TLS: admitted only from a node whose link may be plain. */
class PlainPeerGateTest {

    private final MetricRegistry registry = new MetricRegistry();
    private final PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
    private final PeerChannels.Served served = new PeerChannels.Served(new LineProtocolAdapter(), new HeldRequests(),
            new PeerServer.Settings(self, 1 << 20, 100), new HelloRegistry(self), new PeerServerMetrics(registry));

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerChannels.initServer(ch, served, 1);
        // What OptionalTls adds once the first bytes show plain text.
        ch.pipeline().addBefore("hello", "plain-gate", new PlainPeerGate(
                peer -> peer.nodeId().equals("same-rack"), served.hellos(), served.metrics()));
        return ch;
    }

    @Test
    void aNodeWhoseLinkMustBeTlsIsRefusedSayingWhy() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(hello(7, "alpha", "other-rack", 9001));
        List<Frame> answers = written(ch);
        assertThat(answers).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(PeerMessage.ERROR);
            assertThat(f.id()).isEqualTo(7);
            assertThat(f.text()).isEqualTo("the link from other-rack must be TLS (secure_server_option); it connected in plain text");
        });
        assertThat(ch.isOpen()).isFalse();
        assertThat(registry.counter("peer_server.refused").getCount()).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void aNodeWhoseLinkMayBePlainSaysHelloAsUsualAndTheGateLeaves() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(hello(1, "alpha", "same-rack", 9001));
        assertThat(written(ch)).extracting(Frame::type).containsExactly(PeerMessage.HELLO_OK);
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.pipeline().get("plain-gate")).isNull();
        ch.finishAndReleaseAll();
    }
}
