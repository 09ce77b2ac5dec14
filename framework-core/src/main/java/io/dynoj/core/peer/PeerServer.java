package io.dynoj.core.peer;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.net.AcceptedChannels;
import io.dynoj.core.net.Transport;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.tls.NodeTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Listens on {@code dyn_listen} for other nodes' requests. Each connection must say hello first
 * ({@link PeerHelloHandler}); what one peer connection has in flight is bounded ({@link PeerReadThrottle}).
 */
public final class PeerServer implements AutoCloseable {

    /** A peer that does not read its answers stops being read past this many bytes queued for it. */
    static final WriteBufferWaterMark ANSWER_WATER_MARK = new WriteBufferWaterMark(1 << 20, 8 << 20);

    /**
     * @param identity this node, as its HELLO_OK says; hellos of another cluster or of this node id are refused
     * @param maxPayload the largest frame payload accepted
     * @param maxInFlight requests one connection may have unanswered before it is no longer read
     *     ({@code peer_max_in_flight})
     */
    public record Settings(PeerIdentity identity, long maxPayload, int maxInFlight) {
    }

    private final Channel serverChannel;
    private final AcceptedChannels accepted;
    /** Set once by {@link #serve}, before the first connection is accepted. */
    private final AtomicReference<PeerChannels.Served> served;
    /** Who answers GOSSIP frames; none until the node gossips. */
    private final AtomicReference<PeerGossipResponder> gossip = new AtomicReference<>();
    /** Who delivers PUBLISH frames to this node's subscribers; none until the node's hub is set. */
    private final AtomicReference<PeerPublishReceiver> publish = new AtomicReference<>();
    /** The peer port's TLS, set before {@link #serve}; none: plain text. */
    private final AtomicReference<NodeTls> tls;
    /** Who may link in plain text where the port takes both (see {@link PlainPeerGate}). */
    private final AtomicReference<Predicate<PeerIdentity>> plainAllowed;
    /** Who answers STREAM frames (repair, warm-up); none until set. */
    private final AtomicReference<PeerStreamResponder> stream = new AtomicReference<>();

    private PeerServer(Channel serverChannel, AcceptedChannels accepted, AtomicReference<PeerChannels.Served> served,
                       AtomicReference<NodeTls> tls, AtomicReference<Predicate<PeerIdentity>> plainAllowed) {
        this.plainAllowed = plainAllowed;
        this.serverChannel = serverChannel;
        this.accepted = accepted;
        this.served = served;
        this.tls = tls;
    }

    /**
     * Binds {@code address}, without accepting connections yet: the node learns the address it listens on
     * (port 0 resolved) before it builds its identity, then {@link #serve}s.
     */
    public static PeerServer bind(HostPort address, Transport transport, EventLoopGroup acceptGroup,
                                  EventLoopGroup ioGroup) throws InterruptedException {
        AtomicInteger ids = new AtomicInteger(1 << 30);
        AcceptedChannels accepted = new AcceptedChannels("peers");
        AtomicReference<PeerChannels.Served> served = new AtomicReference<>();
        AtomicReference<NodeTls> tls = new AtomicReference<>();
        AtomicReference<Predicate<PeerIdentity>> plainAllowed = new AtomicReference<>(peer -> true);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .handler(accepted)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Connections wait in the backlog until serve().
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, ANSWER_WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PeerChannels.initServer(ch, served.get(), ids.incrementAndGet(), tls.get(), plainAllowed.get());
                    }
                });
        return new PeerServer(bootstrap.bind(address.toSocketAddress()).sync().channel(), accepted, served, tls, plainAllowed);
    }

    /**
     * What the server tells the node of the peers that connect to it, on their connections' event loops (neither
     * may block): {@code admitted} each node id whose hello is admitted (a peer that connects is alive,
     * {@link PeerLinks#peerConnected}); {@code heard} that bytes came from it and when
     * ({@link PeerLinks#heardFrom}: it is alive while it sends, even if it does not answer pings meanwhile).
     */
    public record PeerEvents(java.util.function.Consumer<String> admitted,
                             java.util.function.ObjLongConsumer<String> heard) {
    }

    /** Starts accepting peers' connections: their requests go to {@code handler}. Once. */
    public void serve(ProtocolAdapter protocol, RemoteRequestHandler handler, Settings settings,
                      MetricRegistry metrics) {
        serve(protocol, handler, settings, metrics, nodeId -> { });
    }

    /**
     * As {@link #serve(ProtocolAdapter, RemoteRequestHandler, Settings, MetricRegistry)}, telling
     * {@code admitted} the node id of each peer whose hello is admitted (on the connection's event loop;
     * it must not block): a peer that connects is alive ({@link PeerLinks#peerConnected}).
     */
    public void serve(ProtocolAdapter protocol, RemoteRequestHandler handler, Settings settings,
                      MetricRegistry metrics, java.util.function.Consumer<String> admitted) {
        serve(protocol, handler, settings, metrics, new PeerEvents(admitted, (nodeId, nanos) -> { }));
    }

    /** As the other overloads, telling {@code events} of the peers that connect and send. */
    public void serve(ProtocolAdapter protocol, RemoteRequestHandler handler, Settings settings,
                      MetricRegistry metrics, PeerEvents events) {
        PeerChannels.Served parts = new PeerChannels.Served(protocol, handler, settings,
                new HelloRegistry(settings.identity(), events.admitted(), events.heard()),
                new PeerServerMetrics(metrics), gossip, publish, stream);
        if (!served.compareAndSet(null, parts)) {
            throw new IllegalStateException("the peer server on " + localAddress() + " serves already");
        }
        serverChannel.config().setAutoRead(true);
    }

    /**
     * Peers connect in TLS as {@code secure_server_option} says ({@link NodeTls#addToPeerServer}); a peer
     * that connects in plain text must be one {@code plainAllowed} accepts (a node whose link the option
     * leaves plain). Call before {@link #serve}, which starts accepting; {@code plainAllowed} is called on
     * the connections' event loops and must not block.
     */
    public void encrypt(NodeTls nodeTls, Predicate<PeerIdentity> plainAllowed) {
        tls.set(nodeTls);
        this.plainAllowed.set(plainAllowed);
    }

    /** GOSSIP frames are answered by {@code responder} from now on (on the connections' event loops). */
    public void gossip(PeerGossipResponder responder) {
        gossip.set(responder);
    }

    /** PUBLISH frames are delivered by {@code receiver} from now on (on the connections' event loops). */
    public void publishes(PeerPublishReceiver receiver) {
        publish.set(receiver);
    }

    /** STREAM frames are answered by {@code responder} from now on. */
    public void stream(PeerStreamResponder responder) {
        stream.set(responder);
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
