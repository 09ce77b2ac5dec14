package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dynoj.testkit.fuzz.FuzzBytes;
import io.dynoj.testkit.fuzz.FuzzDriver;
import io.dynoj.testkit.fuzz.Mutations;
import io.dynoj.testkit.fuzz.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Fuzzes {@link PeerFrameDecoder} (and {@link PeerHello#decode} on the hellos it yields) on an
 * {@link EmbeddedChannel}: any bytes, cut anywhere, reading paused and resumed at random. The input's bytes
 * choose valid frames, the same mutated, or the raw bytes, and the payload limit. Every input must leave: no
 * exception but the decoder's own {@link CorruptedFrameException} (which the real pipeline answers by
 * closing), nothing decoded after it, no frame decoded while reading is paused, every buffer released, and
 * valid frames decoded to the same header fields and payload.
 */
class PeerFrameDecoderFuzzTest {

    /** Jazzer's search, in the fuzz profile only: its agent would slow every other test of the JVM. */
    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1")
    void jazzer(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputs() {
        assertThat(FuzzDriver.run(PeerFrameDecoderFuzzTest::check)).isGreaterThanOrEqualTo(1);
    }

    /** A frame as sent: its header fields and payload. */
    private record Sent(byte type, byte mode, byte consistency, byte origin, byte flags, long id, byte[] payload) {

        boolean sameAs(Sent o) {
            return type == o.type && mode == o.mode && consistency == o.consistency && origin == o.origin
                    && flags == o.flags && id == o.id && java.util.Arrays.equals(payload, o.payload);
        }

        byte[] bytes(TrackingAllocator alloc) {
            ByteBuf out = alloc.heapBuffer();
            try {
                PeerMessage.writeHeader(out, type, mode, consistency, origin, flags, id, payload.length);
                out.writeBytes(payload);
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        }
    }

    /** The terminal handler: what the real pipeline's last handlers do with failures, and what arrived. */
    private static final class Tail extends ChannelInboundHandlerAdapter {
        final List<PeerMessage> messages = new ArrayList<>();
        Throwable failure;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            assertThat(failure).as("a frame decoded after the stream failed").isNull();
            assertThat(ctx.channel().config().isAutoRead()).as("a frame decoded while reading is paused").isTrue();
            messages.add((PeerMessage) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
            ctx.close();
        }
    }

    static void check(byte[] data) {
        FuzzBytes in = new FuzzBytes(data);
        int mode = in.nextInt(3);
        long limit = switch (in.nextInt(4)) {
            case 0 -> in.nextInt(300);
            case 1 -> io.dynoj.core.config.RequestLimits.MAX_BUFFER; // the largest the configuration takes
            default -> 1 << 20;
        };
        TrackingAllocator alloc = new TrackingAllocator();
        List<Sent> sent = new ArrayList<>();
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        int frames = 1 + in.nextInt(4);
        for (int f = 0; f < frames && mode != 2; f++) {
            byte type = (byte) in.nextInt(13);
            byte[] payload = type == PeerMessage.HELLO && in.nextBoolean() ? hello(in) : in.nextBytes(in.nextLength(600));
            Sent one = new Sent(type, (byte) in.nextInt(5), (byte) in.nextInt(6), (byte) in.nextInt(4),
                    (byte) in.nextInt(2), in.nextInt(65_536) * 65_537L, payload);
            sent.add(one);
            wire.writeBytes(one.bytes(alloc));
        }
        byte[] bytes = switch (mode) {
            case 1 -> Mutations.apply(wire.toByteArray(), in);
            case 2 -> in.nextBytes(in.remaining());
            default -> wire.toByteArray();
        };

        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        Tail tail = new Tail();
        ch.pipeline().addLast(new PeerFrameDecoder(limit), tail);
        try {
            for (byte[] chunk : Mutations.chunks(bytes, in)) {
                if (!ch.isOpen()) {
                    break;
                }
                ch.config().setAutoRead(in.nextInt(4) != 0);
                ch.writeInbound(alloc.copyOf(chunk));
            }
            if (ch.isOpen()) {
                // Reading resumes: PeerReadThrottle then fires an empty read so that buffered frames come out.
                ch.config().setAutoRead(true);
                ch.writeInbound(alloc.heapBuffer(0));
            }
            if (tail.failure != null) {
                assertThat(tail.failure).as("only a corrupted frame fails the stream")
                        .isInstanceOf(CorruptedFrameException.class);
            }
            for (PeerMessage m : tail.messages) {
                if (m.type() == PeerMessage.HELLO) {
                    tryHello(m.payload());
                }
            }
            if (mode == 0 && limit >= 600) {
                assertThat(tail.failure).as("valid frames failed").isNull();
                assertThat(tail.messages).hasSameSizeAs(sent);
                for (int i = 0; i < sent.size(); i++) {
                    Sent s = sent.get(i);
                    PeerMessage m = tail.messages.get(i);
                    Sent got = new Sent(m.type(), m.mode(), m.consistency(), m.origin(), m.flags(), m.requestId(),
                            ByteBufUtil.getBytes(m.payload()));
                    assertThat(got.sameAs(s)).as("frame %d decoded as %s, sent as %s", i, got, s).isTrue();
                }
            }
        } finally {
            ch.finishAndReleaseAll();
            tail.messages.forEach(m -> m.payload().release());
        }
        for (PeerMessage m : tail.messages) {
            assertThat(m.payload().refCnt()).as("payload after its release").isZero();
        }
        assertThat(alloc.unreleased()).as("buffers left unreleased").isEmpty();
    }

    /** A hello's payload as a peer writes it (version, cluster, node id, host, port), of any bytes. */
    private static byte[] hello(FuzzBytes in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(in.nextInt(4));
        for (int i = 0; i < 3; i++) {
            byte[] string = in.nextBytes(in.nextLength(40));
            int length = in.nextInt(16) == 0 ? in.nextInt(65_536) : string.length;
            out.write(length >> 8);
            out.write(length);
            out.writeBytes(string);
        }
        out.write(in.nextByte());
        out.write(in.nextByte());
        return out.toByteArray();
    }

    /** A hello's payload decodes or is refused with the one exception its handler expects. */
    private static void tryHello(ByteBuf payload) {
        try {
            PeerHello.decode(payload.duplicate());
        } catch (IllegalArgumentException expected) {
            // PeerHelloHandler answers it with an ERROR frame and closes
        }
    }
}
