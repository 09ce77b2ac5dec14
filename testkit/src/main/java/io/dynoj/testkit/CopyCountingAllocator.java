package io.dynoj.testkit;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A heap allocator that counts the work its buffers do: the bytes written or copied into them (including
 * the copy a buffer makes of itself when it grows) and the largest buffer it handed out. For tests that
 * show a decoder's work is linear in what arrives (give it to an {@code EmbeddedChannel} with
 * {@code ch.config().setAllocator(...)}), without timing anything.
 *
 * <p>Thread-safe counters; the buffers are Netty's unpooled heap buffers (leak-tracked as usual).
 */
public final class CopyCountingAllocator extends AbstractByteBufAllocator {

    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();

    public CopyCountingAllocator() {
        super(false);
    }

    /** Bytes written into this allocator's buffers, plus the bytes each copied when it grew. */
    public long bytesCopied() {
        return copied.get();
    }

    /** The largest capacity any of its buffers had. */
    public long largestBuffer() {
        return largest.get();
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return new Counting(this, initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return new Counting(this, initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    private final class Counting extends UnpooledHeapByteBuf {

        /** Set while a copy is counted: Netty's setBytes from a buffer may go through setBytes from its array. */
        private boolean counting;

        Counting(ByteBufAllocator alloc, int initialCapacity, int maxCapacity) {
            super(alloc, initialCapacity, maxCapacity);
            largest.accumulateAndGet(initialCapacity, Math::max);
        }

        @Override
        public ByteBuf capacity(int newCapacity) {
            int old = capacity();
            if (newCapacity > old) {
                copied.addAndGet(old); // a new array, the old one copied into it
                largest.accumulateAndGet(newCapacity, Math::max);
            }
            return super.capacity(newCapacity);
        }

        @Override
        public ByteBuf setBytes(int index, ByteBuf src, int srcIndex, int length) {
            return counted(length, () -> super.setBytes(index, src, srcIndex, length));
        }

        @Override
        public ByteBuf setBytes(int index, byte[] src, int srcIndex, int length) {
            return counted(length, () -> super.setBytes(index, src, srcIndex, length));
        }

        private ByteBuf counted(int length, Supplier<ByteBuf> copy) {
            if (counting) {
                return copy.get();
            }
            copied.addAndGet(length);
            counting = true;
            try {
                return copy.get();
            } finally {
                counting = false;
            }
        }
    }
}
