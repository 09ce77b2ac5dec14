package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each {@link PeerMessage#GOSSIP} frame with a GOSSIP frame of the same id carrying the
 * responder's answer, or an ERROR when the payload is malformed. While the node does not gossip (no
 * responder set) GOSSIP frames go on to {@link PeerUnservedHandler}. Other kinds go on. One per channel;
 * on its event loop.
 */
final class PeerGossipHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PeerGossipHandler.class);

    private final AtomicReference<PeerGossipResponder> responder;

    PeerGossipHandler(AtomicReference<PeerGossipResponder> responder) {
        this.responder = responder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        PeerGossipResponder r = responder.get();
        if (m.type() != PeerMessage.GOSSIP || r == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf answer;
        byte kind = PeerMessage.GOSSIP;
        try {
            answer = r.answer(m.payload(), ctx.alloc());
        } catch (IllegalArgumentException e) {
            log.debug("peer {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            kind = PeerMessage.ERROR;
            answer = ByteBufUtil.writeUtf8(ctx.alloc(), e.getMessage());
        } finally {
            m.payload().release();
        }
        ctx.writeAndFlush(PeerMessage.frame(ctx.alloc(), kind, m.requestId(), answer));
    }
}
