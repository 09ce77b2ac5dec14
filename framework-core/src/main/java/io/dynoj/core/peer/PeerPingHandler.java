package io.dynoj.core.peer;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers each {@link PeerMessage#PING} with a {@link PeerMessage#PONG} of the same id; other kinds go on.
 * After the request handler in the pipeline, so requests do not pass it. Stateless: one per channel all
 * the same, as the pipeline is built per channel.
 */
final class PeerPingHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        if (m.type() != PeerMessage.PING) {
            ctx.fireChannelRead(msg);
            return;
        }
        m.payload().release();
        ctx.writeAndFlush(PeerMessage.frame(ctx.alloc(), PeerMessage.PONG, m.requestId(), Unpooled.EMPTY_BUFFER));
    }
}
