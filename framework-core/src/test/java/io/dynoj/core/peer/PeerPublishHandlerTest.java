package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.hello;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.peer.PeerFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** PUBLISH frames in the accepting pipeline, as {@link PeerChannels} builds it. */
class PeerPublishHandlerTest {

    private final AtomicReference<PeerPublishReceiver> receiver = new AtomicReference<>();

    private EmbeddedChannel greeted() {
        PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
        PeerChannels.Served served = new PeerChannels.Served(new LineProtocolAdapter(), new HeldRequests(),
                new PeerServer.Settings(self, 1 << 20, 4), new HelloRegistry(self),
                new PeerServerMetrics(new MetricRegistry()), new AtomicReference<>(), receiver);
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerChannels.initServer(ch, served, 1);
        ch.writeInbound(hello(0, "alpha", "other", 9001));
        assertThat(written(ch)).extracting(Frame::type).containsExactly(PeerMessage.HELLO_OK);
        return ch;
    }

    private static ByteBuf publish(long id, ByteBuf payload) {
        ByteBuf out = Unpooled.buffer();
        PeerMessage.writeHeader(out, PeerMessage.PUBLISH, (byte) 0, (byte) 0, (byte) 0, (byte) 0, id,
                payload.readableBytes());
        out.writeBytes(payload);
        payload.release();
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPublishedMessageIsDeliveredAndAnsweredWithTheCountOfItsReceivers() {
        List<String> delivered = new ArrayList<>();
        receiver.set((channel, message) -> {
            delivered.add(new String(channel, StandardCharsets.UTF_8) + "=" + new String(message, StandardCharsets.UTF_8));
            return 3;
        });
        EmbeddedChannel ch = greeted();
        ch.writeInbound(publish(21, PublishPayload.encode(ByteBufAllocator.DEFAULT, bytes("news"), bytes("hello"))));
        assertThat(delivered).containsExactly("news=hello");
        ByteBuf answer = ch.readOutbound();
        try {
            assertThat(answer.getByte(2)).isEqualTo(PeerMessage.PUBLISH);
            assertThat(answer.getLong(8)).as("the id").isEqualTo(21);
            assertThat(PublishPayload.readCount(answer.slice(PeerMessage.HEADER_LENGTH, 8))).isEqualTo(3);
        } finally {
            answer.release();
        }
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anEmptyMessageAndChannelTravel() {
        byte[][] decoded;
        ByteBuf payload = PublishPayload.encode(ByteBufAllocator.DEFAULT, new byte[0], new byte[0]);
        try {
            decoded = PublishPayload.decode(payload);
        } finally {
            payload.release();
        }
        assertThat(decoded[0]).isEmpty();
        assertThat(decoded[1]).isEmpty();
    }

    @Test
    void aMalformedPublishGetsAnErrorAndTheConnectionStaysOpen() {
        receiver.set((channel, message) -> 1);
        EmbeddedChannel ch = greeted();
        ch.writeInbound(publish(5, Unpooled.buffer().writeInt(100).writeByte('x')));
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.ERROR, (byte) 0, 5,
                "malformed PUBLISH payload of 5 bytes"));
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutAReceiverPublishIsUnserved() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(publish(4, PublishPayload.encode(ByteBufAllocator.DEFAULT, bytes("c"), bytes("m"))));
        assertThat(written(ch)).containsExactly(new Frame(PeerMessage.ERROR, (byte) 0, 4,
                "unknown peer message kind 12"));
        ch.finishAndReleaseAll();
    }
}
