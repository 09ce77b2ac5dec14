package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.frame;
import static io.dynoj.core.peer.PeerFrames.hello;
import static io.dynoj.core.peer.PeerFrames.request;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.peer.PeerFrames.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The accepting side's pipeline, frame kind by frame kind, as {@link PeerChannels} builds it. */
class PeerServerPipelineTest {

    private static final String CLUSTER = "alpha";

    private final HeldRequests handler = new HeldRequests();
    private final MetricRegistry registry = new MetricRegistry();
    private final PeerChannels.Served served = served(4);

    private PeerChannels.Served served(int maxInFlight) {
        PeerIdentity self = PeerFrames.identity(CLUSTER, "self", 9000);
        return new PeerChannels.Served(new LineProtocolAdapter(), handler,
                new PeerServer.Settings(self, 1 << 20, maxInFlight), new HelloRegistry(self),
                new PeerServerMetrics(registry));
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerChannels.initServer(ch, served, 1);
        return ch;
    }

    /** A channel whose peer "other" (at port 9001) said hello and was accepted. */
    private EmbeddedChannel greeted() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(hello(0, CLUSTER, "other", 9001));
        assertThat(written(ch)).extracting(Frame::type).containsExactly(PeerMessage.HELLO_OK);
        return ch;
    }

    private long counter(String name) {
        return registry.counter(name).getCount();
    }

    @Test
    void aHelloOfTheSameClusterIsAnsweredWithThisNodesIdentityAndTheHelloHandlerLeaves() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(hello(7, CLUSTER, "other", 9001));
        List<Frame> answers = written(ch);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).type()).isEqualTo(PeerMessage.HELLO_OK);
        assertThat(answers.get(0).id()).isEqualTo(7);
        assertThat(answers.get(0).text()).contains(CLUSTER).contains("self");
        assertThat(ch.pipeline().get("hello")).isNull();
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aRequestIsServedAtItsConsistencyCodeAndAnsweredWithAReplyOfItsId() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.REQUEST, ConsistencyLevel.DC_SAFE_QUORUM.code(), 42, "GET k\n"));
        assertThat(handler.held).singleElement().satisfies(h -> {
            assertThat(h.command()).isEqualTo("get");
            assertThat(h.level()).isEqualTo(ConsistencyLevel.DC_SAFE_QUORUM);
        });
        handler.held.get(0).reply("VALUE v\n");
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.REPLY, (byte) 0, 42, "VALUE v\n"));
        ch.finishAndReleaseAll();
    }

    @Test
    void anErrorAnswerIsAnErrorFrameAndBackgroundWorkEndsWithADone() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(request(1, "SET a 1\n"), request(2, "SET b 2\n"));
        handler.held.get(0).sink().error("boom");
        Runnable done = handler.held.get(1).sink().background();
        handler.held.get(1).reply("OK\n");
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.ERROR, (byte) 0, 1, "boom"),
                new Frame(PeerMessage.REPLY, PeerMessage.FLAG_DONE_FOLLOWS, 2, "OK\n"));
        done.run();
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.DONE, (byte) 0, 2, ""));
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnknownConsistencyCodeIsAnsweredWithAnErrorAndNotServed() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.REQUEST, (byte) 99, 5, "GET k\n"));
        assertThat(handler.held).isEmpty();
        assertThat(written(ch)).containsExactly(
                new Frame(PeerMessage.ERROR, (byte) 0, 5, "unknown consistency level code 99"));
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aPingIsAnsweredWithAPongOfItsId() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.PING, (byte) 0, 77, ""));
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.PONG, (byte) 0, 77, ""));
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnknownKindIsAnsweredWithAnErrorAndTheConnectionStaysOpen() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame((byte) 42, (byte) 0, 3, "from the future"));
        ch.writeInbound(frame(PeerMessage.GOSSIP, (byte) 0, 4, ""));
        assertThat(written(ch)).containsExactly(
                new Frame(PeerMessage.ERROR, (byte) 0, 3, "unknown peer message kind 42"),
                new Frame(PeerMessage.ERROR, (byte) 0, 4, "unknown peer message kind 11"));
        ch.writeInbound(request(5, "GET k\n"));
        assertThat(handler.held).hasSize(1);
        assertThat(ch.isActive()).isTrue();
        assertThat(counter("peer_server.unserved")).isEqualTo(2);
        ch.finishAndReleaseAll();
    }

    @Test
    void answersSentTheWrongWayAndASecondHelloAreAnsweredWithAnError() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.REPLY, (byte) 0, 1, "x"), frame(PeerMessage.ERROR, (byte) 0, 2, "x"),
                frame(PeerMessage.DONE, (byte) 0, 3, ""), frame(PeerMessage.PONG, (byte) 0, 4, ""),
                hello(5, CLUSTER, "other", 9001));
        assertThat(written(ch)).extracting(Frame::type, Frame::text).containsExactly(
                Tuple.tuple(PeerMessage.ERROR, "peer message kind 2 (REPLY) is not served here"),
                Tuple.tuple(PeerMessage.ERROR, "peer message kind 3 (ERROR) is not served here"),
                Tuple.tuple(PeerMessage.ERROR, "peer message kind 4 (DONE) is not served here"),
                Tuple.tuple(PeerMessage.ERROR, "peer message kind 8 (PONG) is not served here"),
                Tuple.tuple(PeerMessage.ERROR, "peer message kind 5 (HELLO) is not served here"));
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void readingPausesAtTheBoundAndResumesAtHalfWithTheFramesAlreadyBuffered() {
        EmbeddedChannel ch = greeted();
        // Five requests in one read: the fifth stays in the decoder while four are in flight.
        ch.writeInbound(Unpooled.wrappedBuffer(request(1, "GET a\n"), request(2, "GET b\n"), request(3, "GET c\n"),
                request(4, "GET d\n"), request(5, "GET e\n")));
        assertThat(handler.held).hasSize(4);
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(registry.getGauges().get(PeerServerMetrics.IN_FLIGHT).getValue()).isEqualTo(4);
        assertThat(counter("peer_server.paused")).isEqualTo(1);
        handler.held.get(0).reply("NIL\n");
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isFalse();
        handler.held.get(1).reply("NIL\n");
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(handler.held).hasSize(5);
        assertThat(written(ch)).extracting(Frame::id).containsExactly(1L, 2L);
        ch.finishAndReleaseAll();
    }

    @Test
    void readingPausesWhileAnswersWaitUnreadByThePeer() {
        EmbeddedChannel ch = greeted();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }
}
