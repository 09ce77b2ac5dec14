package io.dynoj.core.peer;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a peer port that takes TLS and plain text ({@code secure_server_option: rack} or {@code datacenter}),
 * in front of the hello of a connection that came in plain text: the peer must be one whose link the
 * option leaves plain. A hello from a node of another rack or datacenter (by its node id or its peer
 * address, as the topology knows them) is refused with an ERROR saying so, and the connection closes: a
 * node cannot skip the encryption of a link by connecting in plain text. Then it leaves the pipeline.
 * One per plain-text channel, on its event loop.
 */
final class PlainPeerGate extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PlainPeerGate.class);

    private final Predicate<PeerIdentity> plainAllowed;
    private final HelloRegistry registry;
    private final PeerServerMetrics metrics;

    /** @param plainAllowed whether the node saying hello with this identity may link in plain text */
    PlainPeerGate(Predicate<PeerIdentity> plainAllowed, HelloRegistry registry, PeerServerMetrics metrics) {
        this.plainAllowed = plainAllowed;
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        if (m.type() == PeerMessage.HELLO) {
            PeerIdentity peer;
            try {
                peer = PeerHello.decode(m.payload().duplicate()).identity();
            } catch (IllegalArgumentException malformed) {
                peer = null; // the hello handler refuses it, saying why
            }
            if (peer != null && !plainAllowed.test(peer)) {
                m.payload().release();
                refuse(ctx, m.requestId(), peer);
                return;
            }
        }
        // Anything before the hello is refused by the hello handler.
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, long id, PeerIdentity peer) {
        String reason = "the link from " + peer.nodeId() + " must be TLS (secure_server_option); it connected in plain text";
        metrics.refused.inc();
        if (registry.firstRefusal(peer.nodeId(), reason)) {
            log.warn("refused peer {} ({}): {}", peer.nodeId(), ctx.channel().remoteAddress(), reason);
        }
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(PeerMessage.frame(ctx.alloc(), PeerMessage.ERROR, id, ByteBufUtil.writeUtf8(ctx.alloc(), reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
