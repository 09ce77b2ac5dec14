package io.dynoj.core.peer;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of the handshake: the first frame must be a {@link PeerMessage#HELLO} that
 * {@link HelloRegistry} admits. Then it answers {@link PeerMessage#HELLO_OK} with this node's identity and
 * leaves the pipeline, so requests never pass it. Anything else (another cluster, this node's own id, a
 * duplicate node, another protocol version, a malformed hello, a frame before the hello) is answered with
 * an ERROR giving the reason, and the connection closes. One per channel, on its event loop.
 */
final class PeerHelloHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PeerHelloHandler.class);

    private final HelloRegistry registry;
    private final PeerServerMetrics metrics;
    private boolean refused;

    PeerHelloHandler(HelloRegistry registry, PeerServerMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        PeerMessage m = (PeerMessage) msg;
        if (refused) { // frames that came in the same read as the refused hello
            m.payload().release();
            return;
        }
        if (m.type() != PeerMessage.HELLO) {
            m.payload().release();
            refuse(ctx, m.requestId(), remoteHost(ctx), PeerMessage.kindName(m.type())
                    + " before the hello: a peer must say hello first (is it an older Dynoj?)");
            return;
        }
        PeerHello hello;
        try {
            hello = PeerHello.decode(m.payload());
        } catch (IllegalArgumentException e) {
            refuse(ctx, m.requestId(), remoteHost(ctx), e.getMessage());
            return;
        } finally {
            m.payload().release();
        }
        String refusal = registry.admit(hello, ctx.channel());
        if (refusal != null) {
            refuse(ctx, m.requestId(), hello.identity().nodeId(), refusal);
            return;
        }
        log.debug("peer {} said hello from {}", hello.identity(), ctx.channel().remoteAddress());
        ctx.writeAndFlush(PeerMessage.frame(ctx.alloc(), PeerMessage.HELLO_OK, m.requestId(),
                PeerHello.of(registry.self()).encode(ctx.alloc())));
        ctx.pipeline().addBefore("decoder", "heard", new PeerHeardHandler(hello.identity().nodeId(), registry));
        ctx.pipeline().remove(this);
        registry.announce(hello.identity().nodeId());
    }

    /** The peer's host without its (ephemeral) port: a peer that retries is one peer to the refusal log. */
    private static String remoteHost(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(remote);
    }

    private void refuse(ChannelHandlerContext ctx, long id, String who, String reason) {
        refused = true;
        metrics.refused.inc();
        if (registry.firstRefusal(who, reason)) {
            log.warn("refused peer {} ({}): {}", who, ctx.channel().remoteAddress(), reason);
        } else {
            log.debug("refused peer {} ({}) again: {}", who, ctx.channel().remoteAddress(), reason);
        }
        ctx.writeAndFlush(PeerMessage.frame(ctx.alloc(), PeerMessage.ERROR, id,
                ByteBufUtil.writeUtf8(ctx.alloc(), reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
