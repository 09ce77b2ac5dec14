package io.dynoj.core.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The connections a server channel accepted, so that closing the server closes them too. Installed as
 * the server channel's handler: every accepted channel passes through it before it is registered.
 *
 * <p>Why not leave it to the event loops' shutdown: a stopped node whose accepted connections stay open
 * (seen with the epoll transport when the group shuts down) leaves its peers and clients waiting a whole
 * read timeout for answers that never come, instead of seeing the connection drop and failing over.
 *
 * <p>Thread-safe; one per server channel.
 */
@Sharable
public final class AcceptedChannels extends ChannelInboundHandlerAdapter {

    private final ChannelGroup channels;

    public AcceptedChannels(String name) {
        this.channels = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel accepted) {
            channels.add(accepted);
        }
        ctx.fireChannelRead(msg);
    }

    /** Closes every accepted channel still open and waits until they are closed. */
    public void closeAll() {
        channels.close().syncUninterruptibly();
    }
}
