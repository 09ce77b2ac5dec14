package io.dynoj.core.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The one place an admin connection's pipeline is built:
 * idle timeout → idle closer → HTTP codec → keep-alive → aggregator (size limit) → [{@link AdminAuthHandler}
 * when an admin token is configured] → {@link AdminHandler}.
 */
final class AdminChannelInitializer extends ChannelInitializer<Channel> {

    /** Admin requests are a path and headers; anything bigger is a mistake or an attack. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** Monitoring tools keep connections open between polls; a minute covers any sane poll interval. */
    static final long IDLE_SECONDS = 60;

    private final AdminHandler handler;
    private final AdminAuthHandler auth;

    AdminChannelInitializer(AdminRouter router) {
        this(router, AdminAccess.OPEN);
    }

    AdminChannelInitializer(AdminRouter router, AdminAccess access) {
        this.handler = new AdminHandler(router);
        this.auth = access.token() == null ? null : new AdminAuthHandler(router, access);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        p.addLast("idleClose", IdleCloser.INSTANCE);
        p.addLast("codec", new HttpServerCodec());
        p.addLast("keepAlive", new HttpServerKeepAliveHandler());
        p.addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
        if (auth != null) {
            p.addLast("auth", auth);
        }
        p.addLast("admin", handler);
    }
}
