package io.dynoj.core.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;

/**
 * Netty's {@link OptionalSslHandler} (TLS or plain text, told apart by the first bytes) that lets the
 * pipeline's owner add handlers to a connection that turned out to be plain text. One per channel.
 */
final class OptionalTls extends OptionalSslHandler {

    private final Consumer<ChannelPipeline> onPlainText;

    OptionalTls(SslContext context, Consumer<ChannelPipeline> onPlainText) {
        super(context);
        this.onPlainText = onPlainText;
    }

    @Override
    protected ChannelHandler newNonSslHandler(ChannelHandlerContext ctx) {
        onPlainText.accept(ctx.pipeline());
        return null; // this handler just leaves
    }
}
