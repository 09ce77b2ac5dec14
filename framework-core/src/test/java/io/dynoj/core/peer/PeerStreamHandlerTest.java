package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.frame;
import static io.dynoj.core.peer.PeerFrames.hello;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.peer.PeerFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** STREAM frames in the accepting pipeline, as {@link PeerChannels} builds it. */
class PeerStreamHandlerTest {

    private final AtomicReference<PeerStreamResponder> responder = new AtomicReference<>();

    private EmbeddedChannel greeted() {
        PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
        PeerChannels.Served served = new PeerChannels.Served(new LineProtocolAdapter(), new HeldRequests(),
                new PeerServer.Settings(self, 1 << 20, 4), new HelloRegistry(self),
                new PeerServerMetrics(new MetricRegistry()), new AtomicReference<>(), new AtomicReference<>(), responder);
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerChannels.initServer(ch, served, 1);
        ch.writeInbound(hello(0, "alpha", "other", 9001));
        assertThat(written(ch)).extracting(Frame::type).containsExactly(PeerMessage.HELLO_OK);
        return ch;
    }

    @Test
    void aStreamFrameIsAnsweredWhenItsFutureCompletesWithTheSameId() {
        CompletableFuture<ByteBuf> later = new CompletableFuture<>();
        responder.set(request -> {
            String asked = request.toString(StandardCharsets.UTF_8);
            request.release();
            return later.thenApply(x -> ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, "tree of " + asked));
        });
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.STREAM, (byte) 0, 21, "r1"));
        assertThat(written(ch)).as("nothing before the work is done").isEmpty();
        later.complete(null);
        ch.runPendingTasks();
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.STREAM, (byte) 0, 21, "tree of r1"));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aFailedStreamRequestGetsAnErrorWithItsReasonAndTheConnectionStaysOpen() {
        responder.set(request -> {
            request.release();
            return CompletableFuture.failedFuture(new IllegalStateException("this node's datastore cannot stream"));
        });
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.STREAM, (byte) 0, 8, "x"));
        assertThat(written(ch)).containsExactly(
                new Frame(PeerMessage.ERROR, (byte) 0, 8, "this node's datastore cannot stream"));
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutAResponderStreamIsUnserved() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(frame(PeerMessage.STREAM, (byte) 0, 4, ""));
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.ERROR, (byte) 0, 4,
                "unknown peer message kind 10"));
        ch.finishAndReleaseAll();
    }
}
