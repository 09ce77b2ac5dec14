package io.dynoj.core.peer;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.net.FlushBatcher;
import io.dynoj.core.net.WriteBatch;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of a peer connection: each REQUEST is re-read by the protocol adapter and served
 * by the node; its answer goes back as a REPLY or ERROR with the same request id, in whatever order
 * answers come. One per channel; runs on the channel's event loop.
 */
final class PeerServerHandler extends ChannelInboundHandlerAdapter implements FlushBatcher.Flushable {

    private static final Logger log = LoggerFactory.getLogger(PeerServerHandler.class);

    private final ProtocolAdapter protocol;
    private final RemoteRequestHandler handler;
    private final int connectionId;
    private ChannelHandlerContext ctx;
    private WriteBatch batch;
    private boolean flushPending;

    PeerServerHandler(ProtocolAdapter protocol, RemoteRequestHandler handler, int connectionId) {
        this.protocol = protocol;
        this.handler = handler;
        this.connectionId = connectionId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.batch = new WriteBatch(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        batch.discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        if (m.type() != PeerMessage.REQUEST) {
            m.payload().release();
            log.warn("peer {} sent frame type {} where requests are expected; closing", ctx.channel().remoteAddress(), m.type());
            ctx.close();
            return;
        }
        ConsistencyLevel[] levels = ConsistencyLevel.values();
        ConsistencyLevel level = m.consistency() >= 0 && m.consistency() < levels.length
                ? levels[m.consistency()] : ConsistencyLevel.DC_ONE;
        Request request = protocol.decodeFrame(m.payload());
        Answer answer = new Answer(m.requestId(), level);
        try {
            handler.handleRemote(request, m.mode(), level, m.origin() - 1, answer);
        } catch (RuntimeException e) {
            // The request may be half-sent; the peer must still get an answer rather than wait for its timeout.
            log.error("serving a request from peer {} failed", ctx.channel().remoteAddress(), e);
            answer.error("internal error on " + ctx.channel().localAddress() + ": " + e);
        }
    }

    private void send(PeerMessage answer) {
        ByteBuf payload = answer.payload();
        if (!ctx.channel().isActive()) {
            payload.release();
            return;
        }
        PeerMessage.writeHeader(batch.reserve(PeerMessage.HEADER_LENGTH + payload.readableBytes()), answer.type(),
                answer.mode(), answer.consistency(), answer.origin(), answer.flags(), answer.requestId(),
                payload.readableBytes());
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
            send(new PeerMessage(type, (byte) 0, (byte) 0, (byte) 0, flags, id, payload));
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
                send(new PeerMessage(PeerMessage.DONE, (byte) 0, (byte) 0, (byte) 0, (byte) 0, id,
                        Unpooled.EMPTY_BUFFER));
            }
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
