package io.dynoj.core.server;

import io.dynoj.core.spi.ProtocolAdapter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refuses connections beyond {@code client_connections}, the way Redis does: an error reply, then close.
 * Shared by every client channel of a node.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private final int max;
    private final ProtocolAdapter protocol;
    private final ServerMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimiter(int max, ProtocolAdapter protocol, ServerMetrics metrics) {
        this.max = max;
        this.protocol = protocol;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            metrics.connectionRejected();
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(protocol.errorReply(ctx.alloc(), "max number of clients reached"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
