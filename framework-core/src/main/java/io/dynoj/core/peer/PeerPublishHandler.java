package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each {@link PeerMessage#PUBLISH} frame to this node's subscribers and answers with a PUBLISH
 * frame of the same id carrying their count, or an ERROR when the payload is malformed. While the node has
 * no hub (no receiver set) PUBLISH frames go on to {@link PeerUnservedHandler}. Other kinds go on. One per
 * channel; on its event loop, so one peer connection's messages are delivered in the order they came.
 */
final class PeerPublishHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PeerPublishHandler.class);

    private final AtomicReference<PeerPublishReceiver> receiver;

    PeerPublishHandler(AtomicReference<PeerPublishReceiver> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        PeerPublishReceiver r = receiver.get();
        if (m.type() != PeerMessage.PUBLISH || r == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf answer;
        byte kind = PeerMessage.PUBLISH;
        try {
            byte[][] published = PublishPayload.decode(m.payload());
            answer = PublishPayload.count(ctx.alloc(), r.deliver(published[0], published[1]));
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
