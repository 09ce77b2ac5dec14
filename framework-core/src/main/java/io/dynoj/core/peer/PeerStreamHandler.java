package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each {@link PeerMessage#STREAM} frame with a STREAM frame of the same id carrying the
 * responder's answer, or an ERROR with the reason it failed, whenever the responder's future completes
 * (answers of several STREAM frames may go out in any order; ids pair them). While the node does not
 * stream (no responder set) STREAM frames go on to {@link PeerUnservedHandler}; other kinds go on. One
 * per channel; reads on its event loop.
 */
final class PeerStreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PeerStreamHandler.class);

    private final AtomicReference<PeerStreamResponder> responder;

    PeerStreamHandler(AtomicReference<PeerStreamResponder> responder) {
        this.responder = responder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        PeerStreamResponder r = responder.get();
        if (m.type() != PeerMessage.STREAM || r == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        Channel channel = ctx.channel();
        long id = m.requestId();
        r.answer(m.payload()).whenComplete((answer, failure) -> {
            if (failure == null) {
                send(channel, PeerMessage.STREAM, id, answer);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            log.debug("peer {}: stream request failed: {}", channel.remoteAddress(), cause.toString());
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            send(channel, PeerMessage.ERROR, id, ByteBufUtil.writeUtf8(channel.alloc(), message));
        });
    }

    /** Writes from whichever thread completed the answer; a closed channel releases it. */
    private static void send(Channel channel, byte kind, long id, ByteBuf payload) {
        channel.writeAndFlush(PeerMessage.frame(channel.alloc(), kind, id, payload));
    }
}
