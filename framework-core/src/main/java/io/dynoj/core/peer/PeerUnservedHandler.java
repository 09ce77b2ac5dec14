package io.dynoj.core.peer;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the accepting side's pipeline: a frame no handler before it served (a kind of a newer peer,
 * a reserved kind, or an answer sent the wrong way) is answered with an ERROR for its id, and the
 * connection stays open, so a newer peer learns this node lacks the feature. One per channel.
 */
final class PeerUnservedHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PeerUnservedHandler.class);

    private final PeerServerMetrics metrics;

    PeerUnservedHandler(PeerServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        m.payload().release();
        metrics.unserved.inc();
        String message = isKnown(m.type())
                ? "peer message kind " + m.type() + " (" + PeerMessage.kindName(m.type()) + ") is not served here"
                : "unknown peer message kind " + m.type();
        log.debug("peer {}: {}", ctx.channel().remoteAddress(), message);
        ctx.writeAndFlush(PeerMessage.frame(ctx.alloc(), PeerMessage.ERROR, m.requestId(),
                ByteBufUtil.writeUtf8(ctx.alloc(), message)));
    }

    /** Kinds this version knows (reserved ones are not served yet, so they count as unknown to a sender). */
    private static boolean isKnown(byte type) {
        return type >= PeerMessage.REQUEST && type <= PeerMessage.PONG;
    }
}
