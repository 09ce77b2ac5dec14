package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * A {@link ReplySink} whose state lives on one event loop: answers arriving from other threads are
 * handed to that loop; answers arriving on it are handled at once, without a task.
 */
public abstract class LoopReplySink implements ReplySink {

    /** Handles a reply on {@link #eventLoop()}; ownership of {@code reply} passes. */
    protected abstract void onReply(ByteBuf reply);

    /** Handles an error on {@link #eventLoop()}. */
    protected abstract void onError(String message);

    @Override
    public final void reply(ByteBuf reply) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) {
            onReply(reply);
        } else {
            loop.execute(() -> onReply(reply));
        }
    }

    @Override
    public final void error(String message) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) {
            onError(message);
        } else {
            loop.execute(() -> onError(message));
        }
    }
}
