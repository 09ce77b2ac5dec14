package io.dynoj.redis.datastore;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place a datastore connection's pipeline is built: {@link RespReplyDecoder} → {@link ReplyHandler}. */
final class BackendChannelInitializer {

    private static final Logger log = LoggerFactory.getLogger(BackendChannelInitializer.class);

    private BackendChannelInitializer() {
    }

    static void init(Channel ch, BackendConnection connection) {
        ch.pipeline().addLast("decoder", new RespReplyDecoder());
        ch.pipeline().addLast("replies", new ReplyHandler(connection));
    }

    /** Hands each whole reply to the connection, in order. One per channel. */
    static final class ReplyHandler extends ChannelInboundHandlerAdapter {

        private final BackendConnection connection;

        ReplyHandler(BackendConnection connection) {
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
            log.warn("datastore connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
