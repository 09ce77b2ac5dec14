package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.CopyCountingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A large replicated value (one peer frame) arriving in small reads costs work linear in its size. */
class PeerFrameDecoderLargeFrameTest {

    private static final int MB = 1024 * 1024;
    private static final int READ = 64 * 1024;

    @Test
    void aLargeFrameInSmallReadsIsCopiedAFewTimesAndEndsInABufferOfItsSize() {
        String payload = "SET big " + "v".repeat(30 * MB) + "\n";
        ByteBuf frame = PeerFrames.request(42, payload);
        int length = frame.readableBytes();
        CopyCountingAllocator alloc = new CopyCountingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel(new PeerFrameDecoder(Integer.MAX_VALUE));
        ch.config().setAllocator(alloc);
        while (frame.isReadable()) {
            ch.writeInbound(frame.readRetainedSlice(Math.min(READ, frame.readableBytes())));
        }
        frame.release();
        PeerMessage message = ch.readInbound();
        try {
            assertThat(message.requestId()).isEqualTo(42);
            assertThat(ByteBufUtil.equals(message.payload(),
                    Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8))).isTrue();
            assertThat(alloc.bytesCopied()).isLessThanOrEqualTo(3L * length);
            assertThat(alloc.largestBuffer()).isEqualTo(length);
        } finally {
            message.payload().release();
        }
        assertThat(ch.finish()).isFalse();
    }
}
