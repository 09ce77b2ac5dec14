package io.dynoj.core.server;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.RequestLimits;
import io.dynoj.core.net.AcceptedChannels;
import io.dynoj.core.net.Transport;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.routing.RequestDispatcher;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.PubSub;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.tls.NodeTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;

/**
 * Listens for clients on {@code listen} (in TLS with {@code client_tls}), and on {@code listen_tls} in TLS
 * when it is set, and serves them on the node's event loops.
 */
public final class ClientServer implements AutoCloseable {

    private final Channel serverChannel;
    private final AcceptedChannels accepted;
    /** The {@code listen_tls} port; {@code null} without one. */
    private Channel tlsChannel;

    private ClientServer(Channel serverChannel, AcceptedChannels accepted) {
        this.serverChannel = serverChannel;
        this.accepted = accepted;
    }

    /** Binds and starts accepting; throws if the address cannot be bound. */
    public static ClientServer bind(NodeConfig config, Transport transport, EventLoopGroup acceptGroup,
                                    EventLoopGroup ioGroup, ProtocolAdapter protocol, RequestDispatcher dispatcher,
                                    ConsistencySettings consistency, MetricRegistry metrics) throws InterruptedException {
        return bind(config, transport, acceptGroup, ioGroup, protocol, dispatcher, consistency, metrics, null);
    }

    /** As the other {@code bind}, with the client ports' TLS ({@code null}: none). */
    public static ClientServer bind(NodeConfig config, Transport transport, EventLoopGroup acceptGroup,
                                    EventLoopGroup ioGroup, ProtocolAdapter protocol, RequestDispatcher dispatcher,
                                    ConsistencySettings consistency, MetricRegistry metrics, NodeTls tls)
            throws InterruptedException {
        return bind(config, transport, acceptGroup, ioGroup, protocol, dispatcher, consistency, metrics, tls, null);
    }

    /** As above, the clients subscribing to and publishing through {@code pubSub} (null: no pub/sub). */
    public static ClientServer bind(NodeConfig config, Transport transport, EventLoopGroup acceptGroup,
                                    EventLoopGroup ioGroup, ProtocolAdapter protocol, RequestDispatcher dispatcher,
                                    ConsistencySettings consistency, MetricRegistry metrics, NodeTls tls,
                                    PubSub pubSub) throws InterruptedException {
        ClientChannelInitializer pipeline = new ClientChannelInitializer(config, protocol, dispatcher,
                new ServerMetrics(metrics), consistency, pubSub);
        boolean listenTls = tls != null && tls.settings().clientPortTls();
        AcceptedChannels accepted = new AcceptedChannels("clients");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .handler(accepted)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(listenTls ? pipeline.withTls(tls) : pipeline);
        Channel channel = bootstrap.bind(config.listen().toSocketAddress()).sync().channel();
        ClientServer server = new ClientServer(channel, accepted);
        if (tls != null && tls.settings().listenTls() != null) {
            try {
                server.tlsChannel = bootstrap.clone().childHandler(pipeline.withTls(tls))
                        .bind(tls.settings().listenTls().toSocketAddress()).sync().channel();
            } catch (RuntimeException | InterruptedException e) {
                server.close();
                throw e;
            }
        }
        return server;
    }

    /** The bounds every client request is held to, from the size limits and {@code allow_flush_all}. */
    public static ProtocolLimits protocolLimits(NodeConfig config) {
        RequestLimits l = config.requestLimits();
        return new ProtocolLimits(l.clientQueryBufferLimit(), l.protoInlineMaxSize(), l.protoMaxMultibulkLen(),
                config.allowFlushAll(), l.protoMaxBulkLen(), l.itemSizeMax(), l.memcachedMaxLineLength());
    }

    /** The bound address (useful with port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound {@code listen_tls} address, or {@code null} without one. */
    public InetSocketAddress tlsAddress() {
        return tlsChannel == null ? null : (InetSocketAddress) tlsChannel.localAddress();
    }

    /** Stops accepting and closes the clients' connections. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        if (tlsChannel != null) {
            tlsChannel.close().syncUninterruptibly();
        }
        accepted.closeAll();
    }
}
