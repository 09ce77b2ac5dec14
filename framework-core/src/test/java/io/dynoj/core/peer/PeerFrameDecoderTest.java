package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.request;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Framing: frames split anywhere are put together; another magic or version closes with a clear log line. */
class PeerFrameDecoderTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(PeerServerHandler.class);
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

    /** A server pipeline whose peer already said hello. */
    private static EmbeddedChannel greeted() {
        PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerChannels.initServer(ch, new PeerChannels.Served(new LineProtocolAdapter(), new HeldRequests(),
                new PeerServer.Settings(self, 64, 100), new HelloRegistry(self),
                new PeerServerMetrics(new MetricRegistry())), 1);
        ch.writeInbound(PeerFrames.hello(0, "alpha", "other", 9001));
        PeerFrames.written(ch);
        return ch;
    }

    @Test
    void aFrameSplitAcrossReadsIsOneMessageWithItsFields() {
        EmbeddedChannel ch = new EmbeddedChannel(new PeerFrameDecoder(64));
        ByteBuf frame = request(0x0102030405L, "GET k\n");
        ch.writeInbound(frame.readRetainedSlice(7), frame.readRetainedSlice(15), frame);
        PeerMessage m = ch.readInbound();
        assertThat(m.type()).isEqualTo(PeerMessage.REQUEST);
        assertThat(m.consistency()).isEqualTo((byte) 1);
        assertThat(m.requestId()).isEqualTo(0x0102030405L);
        assertThat(m.payload().toString(StandardCharsets.UTF_8)).isEqualTo("GET k\n");
        m.payload().release();
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aRequestCarriesItsWriteTimeBeforeItsPayload() {
        EmbeddedChannel ch = new EmbeddedChannel(new PeerFrameDecoder(64));
        ByteBuf frame = Unpooled.buffer();
        byte[] payload = "SET k v\n".getBytes(StandardCharsets.UTF_8);
        PeerMessage.writeHeader(frame, PeerMessage.REQUEST, PeerMessage.MODE_LOCAL, (byte) 1, (byte) 0,
                (byte) (PeerMessage.FLAG_WRITE_TIME | PeerMessage.FLAG_WRITE_TIME_GUARDED), 9,
                PeerMessage.WRITE_TIME_LENGTH + payload.length);
        frame.writeLong(0x1122334455667788L).writeBytes(payload);
        ch.writeInbound(frame);
        PeerMessage m = ch.readInbound();
        assertThat(m.writeTime()).isEqualTo(0x1122334455667788L);
        assertThat(m.flags() & PeerMessage.FLAG_WRITE_TIME_GUARDED).isNotZero();
        assertThat(m.payload().toString(StandardCharsets.UTF_8)).isEqualTo("SET k v\n");
        m.payload().release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aFrameOfAnotherMagicClosesTheConnectionSayingSo() {
        EmbeddedChannel ch = greeted();
        ByteBuf frame = request(1, "GET k\n");
        frame.setByte(0, 0x2A);
        ch.writeInbound(frame);
        assertThat(ch.isOpen()).isFalse();
        assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("not a Dynoj peer frame (magic 0x2A, expected 0xD7)"));
        ch.finishAndReleaseAll();
    }

    @Test
    void aFrameOfProtocolVersionOneClosesTheConnectionSayingSo() {
        EmbeddedChannel ch = greeted();
        ByteBuf frame = request(1, "GET k\n");
        frame.setByte(1, 1);
        ch.writeInbound(frame);
        assertThat(ch.isOpen()).isFalse();
        assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("peer frame of protocol version 1; this node speaks version 3"));
        ch.finishAndReleaseAll();
    }

    @Test
    void aFrameOverTheLimitClosesTheConnection() {
        EmbeddedChannel ch = greeted();
        ch.writeInbound(request(1, "SET k " + "x".repeat(100) + "\n"));
        assertThat(ch.isOpen()).isFalse();
        assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("over the limit 64"));
        ch.finishAndReleaseAll();
    }

    @Test
    void badBytesBeforeTheHelloCloseTheConnectionToo() {
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
        PeerChannels.initServer(ch, new PeerChannels.Served(new LineProtocolAdapter(), new HeldRequests(),
                new PeerServer.Settings(self, 64, 100), new HelloRegistry(self),
                new PeerServerMetrics(new MetricRegistry())), 1);
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }
}
