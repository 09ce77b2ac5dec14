package io.dynoj.core.server;

import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.routing.RequestDispatcher;
import io.dynoj.core.spi.ClientAuthenticator;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.PubSub;
import io.dynoj.core.tls.NodeTls;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place a client connection's pipeline is built:
 * [TLS → TLS guard] → [connection limit] → [idle timeout] → protocol decoder → {@link ClientConnection}
 * (with a {@link WriteFence} when the dispatcher may serve a read before an earlier write, and the connection's
 * {@link io.dynoj.core.spi.AuthState} when clients must authenticate). The TLS handlers are there on a TLS port
 * ({@link #withTls}), which shares the connection ids and the client registry with the plain one.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final NodeConfig config;
    private final ProtocolAdapter protocol;
    private final RequestDispatcher dispatcher;
    private final ServerMetrics metrics;
    private final ProtocolLimits limits;
    private final ConnectionLimiter limiter;
    private final ConsistencySettings consistency;
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final ClientRegistry clients = new ClientRegistry();
    /** The node's publish/subscribe hub, or null. */
    private final PubSub pubSub;
    private final ClientAuthenticator authenticator;

    ClientChannelInitializer(NodeConfig config, ProtocolAdapter protocol, RequestDispatcher dispatcher, ServerMetrics metrics,
                             ConsistencySettings consistency) {
        this(config, protocol, dispatcher, metrics, consistency, null);
    }

    ClientChannelInitializer(NodeConfig config, ProtocolAdapter protocol, RequestDispatcher dispatcher, ServerMetrics metrics,
                             ConsistencySettings consistency, PubSub pubSub) {
        this.pubSub = pubSub;
        this.consistency = consistency;
        this.config = config;
        this.protocol = protocol;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.limits = ClientServer.protocolLimits(config);
        this.limiter = config.clientConnections() > 0
                ? new ConnectionLimiter(config.clientConnections(), protocol, metrics) : null;
        this.authenticator = protocol.authenticator(config.auth());
    }

    /** The pipeline of a TLS client port: this one behind {@code tls}'s handlers. */
    ChannelInitializer<SocketChannel> withTls(NodeTls tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ClientChannelInitializer.this.initChannel(ch);
                tls.addToClient(ch.pipeline());
            }
        };
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (limiter != null) {
            p.addLast("limit", limiter);
        }
        if (config.clientIdleTimeoutMillis() > 0) {
            p.addLast("idle", new IdleStateHandler(0, 0, config.clientIdleTimeoutMillis(), TimeUnit.MILLISECONDS));
        }
        p.addLast("decoder", protocol.newDecoder(limits));
        ChannelHandler transactions = protocol.newTransactionHandler(limits, dispatcher.placement());
        if (transactions != null) {
            p.addLast("transactions", transactions);
        }
        p.addLast("connection", new ClientConnection(protocol, dispatcher, metrics,
                config.maxInFlightPerClient(), connectionIds.incrementAndGet(), consistency, clients,
                WriteFence.enabled() && dispatcher.readsMayOvertakeWrites(), pubSub,
                authenticator == null ? null : authenticator.newConnection()));
    }
}
