package io.dynoj.core.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each aggregated request through the {@link AdminRouter}. Keep-alive and size limits are the
 * pipeline's business, not this handler's. Stateless (the router is immutable), hence shared.
 */
@Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

    private final AdminRouter router;

    AdminHandler(AdminRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // The codec could not parse the request, so the stream is no longer trustworthy: answer and close.
            FullHttpResponse response = toHttp(request, AdminResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "malformed HTTP request: " + request.decoderResult().cause()));
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response);
            return;
        }
        AdminResponse answer;
        try {
            answer = router.dispatch(request.method(), request.uri(), request.headers().get(HttpHeaderNames.ACCEPT));
        } catch (RuntimeException e) {
            log.warn("admin request {} {} failed", request.method(), request.uri(), e);
            answer = AdminResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
        log.debug("admin {} {} -> {}", request.method(), request.uri(), answer.status().code());
        ctx.writeAndFlush(toHttp(request, answer));
    }

    /** {@code answer} as the HTTP response to {@code request}. */
    static FullHttpResponse toHttp(FullHttpRequest request, AdminResponse answer) {
        // Heap bytes wrapped, not copied: nothing pooled to leak, and admin answers are small.
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), answer.status(),
                Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        answer.headers().forEach(response.headers()::set);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Usually a peer resetting the connection; nothing to answer on a broken stream.
        log.debug("admin connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
