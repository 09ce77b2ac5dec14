package io.dynoj.memcached.datastore;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a memcached connection's pipeline is built: {@link MemcachedReplyDecoder} (which frames
 * each reply by the oldest waiting request) → {@link ReplyHandler}.
 */
final class MemcachedChannelInitializer {

    private static final Logger log = LoggerFactory.getLogger(MemcachedChannelInitializer.class);

    private MemcachedChannelInitializer() {
    }

    static void init(Channel ch, MemcachedBackendConnection connection) {
        ch.pipeline().addLast("decoder", new MemcachedReplyDecoder(connection.expectedReplies()));
        ch.pipeline().addLast("replies", new ReplyHandler(connection));
    }

    /** Hands each whole reply to the connection, in order. One per channel. */
    static final class ReplyHandler extends ChannelInboundHandlerAdapter {

        private final MemcachedBackendConnection connection;

        ReplyHandler(MemcachedBackendConnection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            connection.onReply((ByteBuf) msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            connection.onReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("memcached connection {} failed: {}; reconnecting", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
