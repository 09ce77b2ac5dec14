package io.dynoj.testkit.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it made, so a test can prove that all of them were released:
 * exact, per input, and without the cost of the leak detector's stack traces on each access (the leak
 * detector stays on PARANOID for every other allocator). Direct buffers are heap buffers here: decoders
 * do not care, and a fuzz run makes millions. One per channel; not thread-safe.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> made = new ArrayList<>();

    public TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buf = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        made.add(buf);
        return buf;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** A heap buffer holding {@code bytes}, tracked like the rest. */
    public ByteBuf copyOf(byte[] bytes) {
        return heapBuffer(Math.max(bytes.length, 1)).writeBytes(bytes);
    }

    /** How many buffers were made. */
    public int made() {
        return made.size();
    }

    /** The buffers made and not released, with their reference counts. */
    public List<String> unreleased() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            ByteBuf buf = made.get(i);
            if (buf.refCnt() != 0) {
                out.add("buffer #" + i + " of " + buf.capacity() + " bytes, refCnt " + buf.refCnt());
            }
        }
        return out;
    }
}
