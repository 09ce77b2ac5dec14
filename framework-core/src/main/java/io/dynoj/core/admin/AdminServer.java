package io.dynoj.core.admin;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.net.AcceptedChannels;
import io.dynoj.core.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server on {@code stats_listen}, Dynomite's admin port: {@code /ping}, {@code /info},
 * {@code /get_consistency}, {@code /set_consistency/<read|write>/<level>}, {@code /cluster_describe},
 * {@code /state/<get_state|normal|standby|writes_only|resuming>}, {@code /setloglevel/<level>},
 * {@code /metrics} (Prometheus text) and {@code /metrics/json}, all GET (the list is {@link AdminRoutes}),
 * answering JSON (text for {@code /ping}, {@code /state} and {@code /metrics}).
 * Unknown paths answer 404, other methods 405, both with a JSON {@code {"error": ...}} body.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final Channel serverChannel;
    private final AcceptedChannels connections;

    private AdminServer(Channel serverChannel, AcceptedChannels connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /**
     * Binds and starts accepting. The admin port is low traffic, so one group both accepts and serves.
     *
     * @param address where to listen (port 0 picks a free one; see {@link #localAddress()})
     * @param transport the socket transport the group was made for
     * @param group the event loops accepting and serving admin connections
     * @param context the node the endpoints read and change
     * @throws InterruptedException if interrupted while binding
     */
    public static AdminServer bind(HostPort address, Transport transport, EventLoopGroup group, AdminContext context)
            throws InterruptedException {
        return bind(address, transport, group, context, AdminAccess.OPEN);
    }

    /**
     * As {@link #bind(HostPort, Transport, EventLoopGroup, AdminContext)}, asking for {@code access}'s token; warns
     * once when the port is reachable beyond this host and asks for none.
     */
    public static AdminServer bind(HostPort address, Transport transport, EventLoopGroup group, AdminContext context,
                                   AdminAccess access) throws InterruptedException {
        // The group may be shared with other servers, so close() must close our connections itself.
        AcceptedChannels connections = new AcceptedChannels("admin");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .handler(connections)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new AdminChannelInitializer(AdminRoutes.of(context), access));
        AdminServer server = new AdminServer(bootstrap.bind(address.toSocketAddress()).sync().channel(),
                connections);
        log.info("admin server listening on {}", server.localAddress());
        if (access.token() == null && !server.localAddress().getAddress().isLoopbackAddress()) {
            log.warn("the admin port {} is reachable from other hosts and asks for no token: anyone who reaches it can "
                    + "change the node's state and consistency; set admin_token_file, or stats_listen to 127.0.0.1",
                    server.localAddress());
        }
        return server;
    }

    /** The bound address (useful with port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting and closes the open admin connections; the event loop group is the caller's. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.closeAll();
    }
}
