package io.dynoj.core.server;

import com.codahale.metrics.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * The place one request holds in its connection's reply order. Completed from any thread; the
 * connection writes it once every earlier request has been answered.
 */
final class PendingReply extends ConnectionSink {

    private ByteBuf reply;
    private String error;
    private boolean closeAfter;
    private boolean done;

    PendingReply(ClientConnection connection, Timer timer, long startNanos) {
        super(connection, timer, startNanos);
    }

    static PendingReply completed(ClientConnection connection, ByteBuf reply, boolean closeAfter, Timer timer,
                                  long startNanos) {
        PendingReply p = new PendingReply(connection, timer, startNanos);
        p.reply = reply;
        p.closeAfter = closeAfter;
        p.done = true;
        return p;
    }

    /** Completes a place kept for a request that was held ({@link WriteFence}): with the node's own answer. */
    void answer(ByteBuf reply, boolean closeAfter) {
        this.closeAfter = closeAfter;
        complete(reply, null);
    }

    @Override
    protected void onReply(ByteBuf reply) {
        complete(reply, null);
    }

    @Override
    protected void onError(String message) {
        complete(null, message);
    }

    @Override
    public Runnable background() {
        EventLoop loop = connection.eventLoop();
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("background() must be called on the client's event loop");
        }
        return connection.backgroundStarted();
    }

    private void complete(ByteBuf reply, String error) {
        if (done) {
            if (reply != null) {
                reply.release();
            }
            throw new IllegalStateException("a reply sink was completed twice");
        }
        this.reply = reply;
        this.error = error;
        this.done = true;
        connection.onCompleted(this);
    }

    boolean isDone() {
        return done;
    }

    boolean closeAfter() {
        return closeAfter;
    }

    /** The reply, or {@code null} when the request failed with {@link #error()}. Ownership moves out. */
    ByteBuf takeReply() {
        ByteBuf r = reply;
        reply = null;
        return r;
    }

    Timer timer() {
        return timer;
    }

    long startNanos() {
        return startNanos;
    }

    String error() {
        return error;
    }

    void discard() {
        if (reply != null) {
            reply.release();
            reply = null;
        }
    }
}
