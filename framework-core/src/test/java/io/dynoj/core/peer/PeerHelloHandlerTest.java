package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.frame;
import static io.dynoj.core.peer.PeerFrames.hello;
import static io.dynoj.core.peer.PeerFrames.request;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.peer.PeerFrames.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of the hello: each reason to refuse is answered with an ERROR saying it, the
 * connection closes, and the refusal is logged once per peer and reason, not per retry.
 */
class PeerHelloHandlerTest {

    private final HeldRequests handler = new HeldRequests();
    private final MetricRegistry registry = new MetricRegistry();
    private final PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
    private final PeerChannels.Served served = new PeerChannels.Served(new LineProtocolAdapter(), handler,
            new PeerServer.Settings(self, 1 << 20, 100), new HelloRegistry(self), new PeerServerMetrics(registry));
    private final Logger logger = (Logger) LoggerFactory.getLogger(PeerHelloHandler.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerChannels.initServer(ch, served, 1);
        return ch;
    }

    /** Sends {@code hello} on a new channel; returns the one answer, after checking whether the channel closed. */
    private Frame answer(io.netty.buffer.ByteBuf hello, boolean closes) {
        EmbeddedChannel ch = channel();
        ch.writeInbound(hello);
        List<Frame> answers = written(ch);
        assertThat(ch.isOpen()).isEqualTo(!closes);
        ch.finishAndReleaseAll();
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private void assertRefused(io.netty.buffer.ByteBuf hello, String reason) {
        Frame answer = answer(hello, true);
        assertThat(answer.type()).isEqualTo(PeerMessage.ERROR);
        assertThat(answer.text()).isEqualTo(reason);
        assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(reason));
        assertThat(handler.held).isEmpty();
    }

    @Test
    void aHelloOfAnotherClusterIsRefused() {
        assertRefused(hello(1, "beta", "other", 9001), "cluster name 'beta' is not this node's 'alpha'");
    }

    @Test
    void aHelloWithThisNodesOwnIdIsRefused() {
        assertRefused(hello(1, "alpha", "self", 9001), "node id 'self' is this node's own");
    }

    @Test
    void aHelloOfAnotherProtocolVersionIsRefused() {
        // Version 2 (before write timestamps) reads a version-3 frame's timestamp as payload: refused too.
        assertRefused(hello(1, new PeerHello(PeerMessage.VERSION - 1, PeerFrames.identity("alpha", "other", 9001))),
                "peer protocol version " + (PeerMessage.VERSION - 1) + " is not this node's " + PeerMessage.VERSION);
    }

    @Test
    void aMalformedHelloIsRefused() {
        assertRefused(frame(PeerMessage.HELLO, (byte) 0, 1, "\u0002\u0000"), "malformed hello: 2 bytes are too few");
    }

    @Test
    void aRequestBeforeTheHelloIsRefusedAndNotServed() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(request(9, "GET k\n"), hello(10, "alpha", "other", 9001)));
        List<Frame> answers = written(ch);
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(PeerMessage.ERROR);
            assertThat(a.id()).isEqualTo(9);
            assertThat(a.text()).startsWith("REQUEST before the hello");
        });
        assertThat(ch.isOpen()).isFalse();
        assertThat(handler.held).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void aNodeIdConnectedFromAnotherAddressIsADuplicateUntilThatConnectionCloses() {
        EmbeddedChannel first = channel();
        first.writeInbound(hello(1, "alpha", "other", 9001));
        assertThat(written(first)).extracting(Frame::type).containsExactly(PeerMessage.HELLO_OK);
        // Another connection of the same node (same listen address) is welcome.
        assertThat(answer(hello(1, "alpha", "other", 9001), false).type()).isEqualTo(PeerMessage.HELLO_OK);
        assertRefused(hello(1, "alpha", "other", 9002), "node id 'other' is already connected from the node at "
                + "127.0.0.1:9001, this hello is from 127.0.0.1:9002: a duplicate node id");
        first.finishAndReleaseAll();
        assertThat(answer(hello(1, "alpha", "other", 9002), false).type()).isEqualTo(PeerMessage.HELLO_OK);
    }

    @Test
    void aPeerRefusedAgainAndAgainIsLoggedOnceUntilItIsAdmitted() {
        for (int retry = 0; retry < 3; retry++) {
            answer(hello(1, "beta", "other", 9001), true);
        }
        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getFormattedMessage()).contains("refused peer other")
                .contains("cluster name 'beta'");
        assertThat(registry.counter("peer_server.refused").getCount()).isEqualTo(3);
    }
}
