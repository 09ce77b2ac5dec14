package io.dynoj.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.CopyCountingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Growth of a large frame's buffer: geometric, capped at what the frame needs, never under a held slice. */
class FrameCumulatorTest {

    private static final int MB = 1024 * 1024;
    private static final int READ = 64 * 1024;

    @Test
    void capacityDoublesWhatIsBufferedButStopsAtTheFramesLength() {
        assertThat(FrameCumulator.capacityFor(10 * MB, 0)).isEqualTo(20 * MB);
        assertThat(FrameCumulator.capacityFor(10 * MB, 15 * MB)).isEqualTo(15 * MB);
        assertThat(FrameCumulator.capacityFor(10 * MB, 100 * MB)).isEqualTo(20 * MB);
        // A frame shorter than what is buffered (requests pipelined behind it): room for all of it.
        assertThat(FrameCumulator.capacityFor(10 * MB, 4 * MB)).isEqualTo(20 * MB);
        assertThat(FrameCumulator.capacityFor(Integer.MAX_VALUE - 100L, 0)).isEqualTo(Integer.MAX_VALUE - 8);
    }

    @Test
    void aFrameArrivingInSmallReadsIsCopiedAFewTimesAndEndsInABufferOfItsSize() {
        CopyCountingAllocator alloc = new CopyCountingAllocator();
        FrameCumulator cumulator = new FrameCumulator();
        byte[] frame = new byte[24 * MB];
        new Random(7).nextBytes(frame);
        cumulator.expect(frame.length);
        ByteBuf cumulation = Unpooled.EMPTY_BUFFER;
        for (int at = 0; at < frame.length; at += READ) {
            cumulation = cumulator.cumulate(alloc, cumulation, Unpooled.wrappedBuffer(frame, at, READ));
        }
        try {
            assertThat(ByteBufUtil.equals(cumulation, Unpooled.wrappedBuffer(frame))).isTrue();
            // Each byte written once as it arrives, plus growth copies that sum to at most twice the frame
            // (Netty's own copies all that is buffered every 4 MB: 3.7x here, 8.5x at 64 MB, 26x at 200 MB).
            assertThat(alloc.bytesCopied()).isLessThanOrEqualTo(3L * frame.length);
            assertThat(alloc.largestBuffer()).isEqualTo(frame.length);
        } finally {
            cumulation.release();
        }
    }

    @Test
    void withoutAKnownLengthTheBufferAtMostDoubles() {
        CopyCountingAllocator alloc = new CopyCountingAllocator();
        FrameCumulator cumulator = new FrameCumulator();
        byte[] frame = new byte[20 * MB];
        ByteBuf cumulation = Unpooled.EMPTY_BUFFER;
        for (int at = 0; at < frame.length; at += READ) {
            cumulation = cumulator.cumulate(alloc, cumulation, Unpooled.wrappedBuffer(frame, at, READ));
        }
        assertThat(cumulation.readableBytes()).isEqualTo(frame.length);
        assertThat(alloc.bytesCopied()).isLessThanOrEqualTo(3L * frame.length);
        assertThat(alloc.largestBuffer()).isLessThanOrEqualTo(2L * frame.length);
        cumulation.release();
    }

    @Test
    void aSliceHeldElsewhereKeepsItsBytesWhenTheBufferGrows() {
        CopyCountingAllocator alloc = new CopyCountingAllocator();
        FrameCumulator cumulator = new FrameCumulator();
        ByteBuf cumulation = alloc.buffer(5 * MB);
        cumulation.writeBytes(new byte[5 * MB - 3]).writeBytes(new byte[] {1, 2, 3});
        ByteBuf held = cumulation.readRetainedSlice(5 * MB - 3); // a request handed on, still in use
        ByteBuf grown = cumulator.cumulate(alloc, cumulation, Unpooled.wrappedBuffer(new byte[6 * MB]));
        assertThat(grown).isNotSameAs(cumulation);
        assertThat(grown.readableBytes()).isEqualTo(3 + 6 * MB);
        assertThat(grown.getByte(grown.readerIndex() + 2)).isEqualTo((byte) 3);
        assertThat(held.readableBytes()).isEqualTo(5 * MB - 3);
        assertThat(held.refCnt()).isEqualTo(1);
        held.release();
        grown.release();
    }
}
