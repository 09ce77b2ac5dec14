package io.dynoj.core.peer;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.net.AcceptedChannels;
import io.dynoj.core.net.Transport;
import io.dynoj.core.spi.ProtocolAdapter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Listens on {@code dyn_listen} for other nodes' requests. */
public final class PeerServer implements AutoCloseable {

    private final Channel serverChannel;
    private final AcceptedChannels accepted;

    private PeerServer(Channel serverChannel, AcceptedChannels accepted) {
        this.serverChannel = serverChannel;
        this.accepted = accepted;
    }

    public static PeerServer bind(HostPort address, Transport transport, EventLoopGroup acceptGroup,
                                  EventLoopGroup ioGroup, ProtocolAdapter protocol, RemoteRequestHandler handler,
                                  long maxPayload) throws InterruptedException {
        AtomicInteger ids = new AtomicInteger(1 << 30);
        AcceptedChannels accepted = new AcceptedChannels("peers");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .handler(accepted)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PeerChannels.initServer(ch, protocol, handler, maxPayload, ids.incrementAndGet());
                    }
                });
        return new PeerServer(bootstrap.bind(address.toSocketAddress()).sync().channel(), accepted);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting and closes the peers' connections, so they fail over at once. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        accepted.closeAll();
    }
}
