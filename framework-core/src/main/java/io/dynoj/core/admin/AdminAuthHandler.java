package io.dynoj.core.admin;

import io.dynoj.core.auth.Passwords;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Lets an admin request through to {@link AdminHandler} only with the admin token when it needs one: every
 * request that may change the node ({@link AdminRouter#changes}: actions, any method but GET), and the
 * read-only ones too unless {@code admin_read_open}. The token comes as {@code Authorization: Bearer <token>}
 * or {@code X-Dynoj-Token: <token>}; none gets 401, a wrong one 403. Stateless, hence shared.
 */
@Sharable
final class AdminAuthHandler extends ChannelInboundHandlerAdapter {

    static final String TOKEN_HEADER = "X-Dynoj-Token";
    private static final String BEARER = "Bearer ";

    private final AdminRouter router;
    private final AdminAccess access;

    AdminAuthHandler(AdminRouter router, AdminAccess access) {
        this.router = router;
        this.access = access;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FullHttpRequest request = (FullHttpRequest) msg;
        if (request.decoderResult().isFailure() || !needsToken(request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String given = token(request);
        if (given != null && Passwords.matches(given, access.token())) {
            ctx.fireChannelRead(msg);
            return;
        }
        AdminResponse refusal = given == null
                ? AdminResponse.error(HttpResponseStatus.UNAUTHORIZED, request.uri() + " needs the admin token: "
                        + "Authorization: Bearer <token> or " + TOKEN_HEADER + ": <token> (admin_token_file)")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"dynoj admin\"")
                : AdminResponse.error(HttpResponseStatus.FORBIDDEN, "wrong admin token");
        try {
            ctx.writeAndFlush(AdminHandler.toHttp(request, refusal));
        } finally {
            request.release();
        }
    }

    private boolean needsToken(FullHttpRequest request) {
        return !access.readOpen() || router.changes(request.method(), request.uri());
    }

    /** The token the request carries, or {@code null}. */
    private static String token(FullHttpRequest request) {
        String header = request.headers().get(TOKEN_HEADER);
        if (header != null) {
            return header.strip();
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return null;
    }
}
