package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A {@link Request} whose reference count is its frame's, so that writing the frame to a socket
 * (which releases it) hands the whole request over. Base of the protocols' request classes: it keeps
 * where the keys are in the frame ({@code (offset, length)} pairs relative to the frame's start,
 * nothing copied) and, for a request the node refuses instead of serving, the refusal and whether the
 * connection closes after it.
 */
public abstract class FrameRequest implements Request {

    protected static final int[] NO_KEYS = new int[0];

    private final ByteBuf frame;
    private final int[] keys;
    private final String refusal;
    private final boolean closeAfter;
    private long writeTime;
    private boolean writeTimeGuarded;

    /**
     * @param keys {@code (offset, length)} of each key, relative to the frame's reader index
     * @param refusal what the node answers instead of serving the request (the protocol decides the
     *     form), or {@code null} for a request to serve
     * @param closeAfter whether the connection closes once the refusal is written
     */
    protected FrameRequest(ByteBuf frame, int[] keys, String refusal, boolean closeAfter) {
        this.frame = frame;
        this.keys = keys;
        this.refusal = refusal;
        this.closeAfter = closeAfter;
    }

    @Override
    public final ByteBuf frame() {
        return frame;
    }

    @Override
    public final int keyCount() {
        return keys.length / 2;
    }

    @Override
    public final ByteBuf key(int index) {
        return frame.slice(frame.readerIndex() + keyOffset(index), keys[2 * index + 1]);
    }

    /** Where key {@code index} starts, relative to the frame. */
    public final int keyOffset(int index) {
        return keys[2 * index];
    }

    /** Where key {@code index} ends, relative to the frame. */
    public final int keyEnd(int index) {
        return keys[2 * index] + keys[2 * index + 1];
    }

    /** The key positions, for a duplicate over the same frame. */
    protected final int[] keyPositions() {
        return keys;
    }

    @Override
    public final long writeTime() {
        return writeTime;
    }

    @Override
    public final boolean writeTimeGuarded() {
        return writeTimeGuarded;
    }

    @Override
    public final void writeTime(long timestamp, boolean guarded) {
        this.writeTime = timestamp;
        this.writeTimeGuarded = guarded;
    }

    /** {@code duplicate} (a new request over this one's frame) with this one's write time; for {@code retainedDuplicate}. */
    protected final <T extends FrameRequest> T withWriteTimeOf(T duplicate) {
        duplicate.writeTime(writeTime, writeTimeGuarded);
        return duplicate;
    }

    /** What the node answers instead of serving the request, or {@code null}. */
    public final String refusal() {
        return refusal;
    }

    /** Whether the connection closes after the refusal (protocol errors, as the datastore would). */
    public final boolean closeAfter() {
        return closeAfter;
    }

    @Override
    public final int refCnt() {
        return frame.refCnt();
    }

    @Override
    public final ReferenceCounted retain() {
        frame.retain();
        return this;
    }

    @Override
    public final ReferenceCounted retain(int increment) {
        frame.retain(increment);
        return this;
    }

    @Override
    public final ReferenceCounted touch() {
        frame.touch();
        return this;
    }

    @Override
    public final ReferenceCounted touch(Object hint) {
        frame.touch(hint);
        return this;
    }

    @Override
    public final boolean release() {
        return frame.release();
    }

    @Override
    public final boolean release(int decrement) {
        return frame.release(decrement);
    }
}
