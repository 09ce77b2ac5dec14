package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * On an accepted peer connection, once its hello is admitted: tells the {@link HelloRegistry} that bytes came
 * from the peer, so the node's own links to it count them as its sign of life (issue 14: a peer sending this
 * node a large frame may not answer this node's pings meanwhile, yet it is visibly alive). Before the decoder,
 * so part of a frame counts as soon as it arrives; at most once per {@link #EVERY_NANOS} per connection, as
 * the links' monitor samples every 100 ms.
 *
 * <p>Threading: the channel's event loop.
 */
final class PeerHeardHandler extends ChannelInboundHandlerAdapter {

    static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String nodeId;
    private final HelloRegistry registry;
    private long told;
    private boolean toldOnce;

    PeerHeardHandler(String nodeId, HelloRegistry registry) {
        this.nodeId = nodeId;
        this.registry = registry;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Bytes only: resuming a paused read fires an empty buffer (PeerReadThrottle), which is not the peer.
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            long now = System.nanoTime();
            if (!toldOnce || now - told >= EVERY_NANOS) {
                toldOnce = true;
                told = now;
                registry.heard(nodeId, now);
            }
        }
        ctx.fireChannelRead(msg);
    }
}
