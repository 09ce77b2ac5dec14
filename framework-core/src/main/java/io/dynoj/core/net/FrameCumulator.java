package io.dynoj.core.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * A decoder's cumulation that costs time linear in a frame's size however many reads the frame takes.
 *
 * <p>Why: Netty's {@link ByteToMessageDecoder#MERGE_CUMULATOR} grows its buffer through the allocator's
 * {@code calculateNewCapacity}, which doubles up to 4 MiB and then adds 4 MiB at a time; every step
 * reallocates and copies what is buffered. A 200 MB bulk string arriving in 64 KB reads was copied
 * about 50 times (5 GB of copying, and as much fresh memory faulted in), so a big value cost far more
 * than its size. This cumulator leaves small frames to Netty's and, once a buffer must grow past
 * {@link #GEOMETRIC_FROM}, replaces it by one twice as large, so the bytes copied while a frame
 * arrives are at most twice the frame.
 *
 * <p>A decoder that knows how long its frame in progress is (a bulk string's length, a peer frame's
 * payload length) says so with {@link #expect}: the buffer then grows no further than that, so a value
 * of N bytes ends in a buffer of N bytes, not up to 2N. A declared length is only a cap, never a
 * reason to allocate ahead of the bytes: a client that announces 512 MB and sends nothing holds no
 * more than twice what it sent.
 *
 * <p>Threading: one per decoder (it remembers that decoder's frame), used on its event loop only.
 * Like Netty's cumulators, it never resizes a buffer in place once a slice of it may be held elsewhere
 * ({@code refCnt() > 1}): it writes into spare room or copies into a new buffer.
 */
public final class FrameCumulator implements ByteToMessageDecoder.Cumulator {

    /** Up to this capacity Netty's own growth (powers of two, pooling-friendly) is kept. */
    public static final int GEOMETRIC_FROM = 4 * 1024 * 1024;

    private long expected;

    /**
     * Tells how many bytes, counted from the cumulation's reader index, the frame in progress needs in
     * all; 0 when unknown or no frame is in progress. Called from the decoder's {@code decode}.
     */
    public void expect(long frameBytes) {
        expected = Math.max(0, frameBytes);
    }

    /** What the decoder last said its frame needs (0: unknown). */
    public long expected() {
        return expected;
    }

    @Override
    public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (cumulation == in || !cumulation.isReadable()) {
            return ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        int required = in.readableBytes();
        long total = (long) cumulation.readableBytes() + required;
        // Room without reallocating: Netty's cumulator writes there (safe beside slices of what was read).
        boolean fits = required <= cumulation.maxFastWritableBytes();
        if (fits || (long) cumulation.writerIndex() + required <= GEOMETRIC_FROM || cumulation.isReadOnly()) {
            return ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        return grow(alloc, cumulation, in, capacityFor(total, expected));
    }

    /** Twice what is buffered, but no more than the frame needs (when known) and at least what must fit. */
    static int capacityFor(long total, long expected) {
        long capacity = 2 * total;
        if (expected > total) {
            capacity = Math.min(capacity, expected);
        }
        return (int) Math.min(Math.max(capacity, total), Integer.MAX_VALUE - 8);
    }

    private static ByteBuf grow(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in, int capacity) {
        ByteBuf grown = alloc.buffer(capacity);
        try {
            grown.writeBytes(cumulation, cumulation.readerIndex(), cumulation.readableBytes());
            grown.writeBytes(in, in.readerIndex(), in.readableBytes());
            in.readerIndex(in.writerIndex());
        } catch (Throwable t) {
            grown.release();
            in.release();
            throw t;
        }
        in.release();
        cumulation.release();
        return grown;
    }
}
