package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.frame;
import static io.dynoj.core.peer.PeerFrames.hello;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.peer.PeerFrames.Frame;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** GOSSIP frames in the accepting pipeline, as {@link PeerChannels} builds it. */
class PeerGossipHandlerTest {

    private final AtomicReference<PeerGossipResponder> responder = new AtomicReference<>();

    private EmbeddedChannel greeted() {
        PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
        PeerChannels.Served served = new PeerChannels.Served(new LineProtocolAdapter(), new HeldRequests(),
                new PeerServer.Settings(self, 1 << 20, 4), new HelloRegistry(self),
                new PeerServerMetrics(new MetricRegistry()), responder);
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerChannels.initServer(ch, served, 1);
        ch.writeInbound(hello(0, "alpha", "other", 9001));
        assertThat(written(ch)).extracting(Frame::type).containsExactly(PeerMessage.HELLO_OK);
        return ch;
    }

    @Test
    void aGossipFrameIsAnsweredByTheResponderWithTheSameId() {
        responder.set((request, alloc) -> ByteBufUtil.writeUtf8(alloc,
                "seen " + request.toString(StandardCharsets.UTF_8)));
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.GOSSIP, (byte) 0, 12, "mine"));
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.GOSSIP, (byte) 0, 12, "seen mine"));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aMalformedGossipGetsAnErrorAndTheConnectionStaysOpen() {
        responder.set((request, alloc) -> {
            throw new IllegalArgumentException("malformed gossip: too few bytes");
        });
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.GOSSIP, (byte) 0, 5, "x"));
        assertThat(written(ch)).containsExactly(
                new Frame(PeerMessage.ERROR, (byte) 0, 5, "malformed gossip: too few bytes"));
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutAResponderGossipIsUnserved() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.GOSSIP, (byte) 0, 4, ""));
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.ERROR, (byte) 0, 4,
                "unknown peer message kind 11"));
        ch.finishAndReleaseAll();
    }
}
