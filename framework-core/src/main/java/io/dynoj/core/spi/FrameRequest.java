package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A {@link Request} whose reference count is its frame's, so that writing the frame to a socket
 * (which releases it) hands the whole request over. Base of the protocols' request classes.
 */
public abstract class FrameRequest implements Request {

    private final ByteBuf frame;

    protected FrameRequest(ByteBuf frame) {
        this.frame = frame;
    }

    @Override
    public final ByteBuf frame() {
        return frame;
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
