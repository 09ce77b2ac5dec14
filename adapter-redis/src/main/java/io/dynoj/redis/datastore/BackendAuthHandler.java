package io.dynoj.redis.datastore;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * The AUTH handshake of a backend connection: takes the reply to the AUTH that {@link BackendConnection} sent
 * when the channel opened, then leaves the pipeline. {@code +OK} makes the connection ready; anything else
 * fails the handshake (the connection closes and retries with backoff). One per channel, on its event loop.
 */
final class BackendAuthHandler extends ChannelInboundHandlerAdapter {

    private final BackendConnection connection;

    BackendAuthHandler(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf reply = (ByteBuf) msg;
        String text;
        try {
            text = reply.toString(StandardCharsets.UTF_8).trim();
        } finally {
            reply.release();
        }
        ctx.pipeline().remove(this);
        if (text.equals("+OK")) {
            connection.authenticated(ctx.channel());
        } else {
            connection.authFailed(ctx.channel(), text);
        }
    }
}
