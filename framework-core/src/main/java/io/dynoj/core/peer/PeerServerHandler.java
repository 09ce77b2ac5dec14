package io.dynoj.core.peer;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.net.FlushBatcher;
import io.dynoj.core.net.WriteBatch;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.Request;
import io.dynoj.core.time.HybridClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of a peer connection, after the hello: each REQUEST is re-read by the protocol
 * adapter and served by the node; its answer goes back as a REPLY or ERROR with the same request id, in
 * whatever order answers come. A request at a consistency level this node has no code for is answered
 * with an ERROR. Other kinds go on down the pipeline. What one peer has in flight is bounded by a
 * {@link PeerReadThrottle}. One per channel; runs on the channel's event loop.
 */
final class PeerServerHandler extends ChannelInboundHandlerAdapter implements FlushBatcher.Flushable {

    private static final Logger log = LoggerFactory.getLogger(PeerServerHandler.class);

    private final ProtocolAdapter protocol;
    private final RemoteRequestHandler handler;
    private final int connectionId;
    private final int maxInFlight;
    private final PeerServerMetrics metrics;
    private PeerReadThrottle throttle;
    private ChannelHandlerContext ctx;
    private WriteBatch batch;
    private boolean flushPending;

    PeerServerHandler(ProtocolAdapter protocol, RemoteRequestHandler handler, int connectionId, int maxInFlight,
                      PeerServerMetrics metrics) {
        this.protocol = protocol;
        this.handler = handler;
        this.connectionId = connectionId;
        this.maxInFlight = maxInFlight;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.batch = new WriteBatch(ctx.channel());
        this.throttle = new PeerReadThrottle(ctx.channel(), maxInFlight, metrics);
        metrics.opened(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        metrics.closed(this);
        batch.discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        if (m.type() != PeerMessage.REQUEST) {
            ctx.fireChannelRead(msg);
            return;
        }
        ConsistencyLevel level;
        try {
            level = ConsistencyLevel.fromCode(m.consistency());
        } catch (IllegalArgumentException e) {
            // A level of a newer peer: refusing it is safer than serving the request at a weaker one.
            m.payload().release();
            send(PeerMessage.ERROR, (byte) 0, m.requestId(), ByteBufUtil.writeUtf8(ctx.alloc(), e.getMessage()));
            return;
        }
        throttle.started();
        Request request = protocol.decodeFrame(m.payload());
        if (m.writeTime() != 0) {
            request.writeTime(m.writeTime(), (m.flags() & PeerMessage.FLAG_WRITE_TIME_GUARDED) != 0);
            // Should this node order the key's writes next (its primary unreachable), they come after this one.
            HybridClock.shared().update(m.writeTime());
        }
        Answer answer = new Answer(m.requestId(), level);
        try {
            handler.handleRemote(request, m.mode(), level, m.origin() - 1, answer);
        } catch (RuntimeException e) {
            // The request may be half-sent; the peer must still get an answer rather than wait for its timeout.
            log.error("serving a request from peer {} failed", ctx.channel().remoteAddress(), e);
            answer.error("internal error on " + ctx.channel().localAddress() + ": " + e);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        throttle.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    /** Requests of this connection not yet answered (or whose background work runs), for the gauge. */
    int inFlight() {
        return throttle.inFlight();
    }

    private void send(byte type, byte flags, long id, ByteBuf payload) {
        if (!ctx.channel().isActive()) {
            payload.release();
            return;
        }
        PeerMessage.writeHeader(batch.reserve(PeerMessage.HEADER_LENGTH + payload.readableBytes()), type,
                (byte) 0, (byte) 0, (byte) 0, flags, id, payload.readableBytes());
        batch.add(payload);
        if (!flushPending) {
            flushPending = true;
            FlushBatcher.requestFlush(this, ctx.channel().eventLoop());
        }
    }

    @Override
    public void flushNow() {
        flushPending = false;
        batch.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("peer connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /**
     * Answers one peer request on this connection's loop. When the node goes on working for the request
     * after answering (a primary replicating a write), the answer says a DONE follows, and the DONE is
     * sent when that work ends: the sender counts it against its client as its own background work.
     */
    private final class Answer extends LoopReplySink {
        private final long id;
        private final ConsistencyLevel level;
        private boolean backgroundRunning;
        private boolean answered;

        Answer(long id, ConsistencyLevel level) {
            this.id = id;
            this.level = level;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            answer(PeerMessage.REPLY, reply);
        }

        @Override
        protected void onError(String message) {
            answer(PeerMessage.ERROR, ByteBufUtil.writeUtf8(ctx.alloc(), message));
        }

        private void answer(byte type, ByteBuf payload) {
            answered = true;
            byte flags = backgroundRunning ? PeerMessage.FLAG_DONE_FOLLOWS : 0;
            send(type, flags, id, payload);
            if (!backgroundRunning) {
                throttle.finished();
            }
        }

        /** Called on this connection's loop, before the answer; the callback may run on any thread. */
        @Override
        public Runnable background() {
            backgroundRunning = true;
            return () -> {
                EventLoop loop = eventLoop();
                if (loop.inEventLoop()) {
                    backgroundEnded();
                } else {
                    loop.execute(this::backgroundEnded);
                }
            };
        }

        private void backgroundEnded() {
            backgroundRunning = false;
            if (answered) {
                send(PeerMessage.DONE, (byte) 0, id, Unpooled.EMPTY_BUFFER);
                throttle.finished();
            }
        }

        @Override
        public boolean abandoned() {
            return !ctx.channel().isActive();
        }

        @Override
        public EventLoop eventLoop() {
            return ctx.channel().eventLoop();
        }

        @Override
        public int connectionId() {
            return connectionId;
        }

        @Override
        public ConsistencyLevel readConsistency() {
            return level;
        }

        @Override
        public ConsistencyLevel writeConsistency() {
            return level;
        }
    }
}
