package io.dynoj.core.peer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each answer frame (REPLY, ERROR, DONE, PONG, GOSSIP) to its connection. One per channel. */
final class PeerAnswerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PeerAnswerHandler.class);

    private final PeerConnection connection;

    PeerAnswerHandler(PeerConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        byte type = m.type();
        if (type == PeerMessage.REPLY || type == PeerMessage.ERROR || type == PeerMessage.DONE
                || type == PeerMessage.PONG || type == PeerMessage.GOSSIP || type == PeerMessage.PUBLISH) {
            connection.onAnswer(m);
        } else {
            // Not an answer (a newer peer's kind): it cannot be paired with a request.
            log.debug("peer {} sent {}; ignored", ctx.channel().remoteAddress(), PeerMessage.kindName(type));
            m.payload().release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.received();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("peer connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
