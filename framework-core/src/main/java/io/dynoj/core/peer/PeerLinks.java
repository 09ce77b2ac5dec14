package io.dynoj.core.peer;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.net.LoopAffinePool;
import io.dynoj.core.net.Transport;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The node's connections to every other node: for each peer, {@code connectionsPerLoop} connections on
 * every event loop, so a forwarded request leaves on the thread that decoded it.
 */
public final class PeerLinks implements AutoCloseable {

    /** Per-peer settings: connections per I/O thread, and how long a request may wait for its answer. */
    public record Settings(int localDcConnections, int remoteDcConnections, long timeoutMillis,
                           long connectTimeoutMillis, long maxPayload) {
    }

    private final Map<ClusterNode, LoopAffinePool<PeerConnection>> pools = new HashMap<>();

    public PeerLinks(List<ClusterNode> peers, String localDc, EventLoopGroup group, Transport transport,
                     Settings settings, MetricRegistry metrics) {
        Bootstrap bootstrap = new Bootstrap()
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.connectTimeoutMillis(), 60_000))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20));
        for (ClusterNode peer : peers) {
            if (peer.local()) {
                continue;
            }
            InetSocketAddress address = new InetSocketAddress(peer.peerAddress().host(), peer.peerAddress().port());
            PeerMetrics peerMetrics = new PeerMetrics(metrics, peer.name());
            int perLoop = peer.dc().equals(localDc) ? settings.localDcConnections() : settings.remoteDcConnections();
            LoopAffinePool<PeerConnection> pool = new LoopAffinePool<>(group, perLoop, loop -> new PeerConnection(loop,
                    bootstrap, address, peer.name(), settings.timeoutMillis(), settings.maxPayload(), peerMetrics));
            pools.put(peer, pool);
            metrics.gauge(PeerMetrics.prefix(peer.name()) + ".connections", () -> (Gauge<Integer>) pool::connectedCount);
        }
    }

    /** Starts connecting to every peer; completes when all are connected (or one failed: they retry). */
    public CompletableFuture<Void> start() {
        return CompletableFuture.allOf(pools.values().stream().map(LoopAffinePool::start).toArray(CompletableFuture[]::new));
    }

    /** Whether every connection to every peer is up right now. */
    public boolean allConnected() {
        return pools.values().stream().allMatch(LoopAffinePool::allConnected);
    }

    /** Whether some connection to {@code peer} is up right now (a node without links is not). */
    public boolean reachable(ClusterNode peer) {
        LoopAffinePool<PeerConnection> pool = pools.get(peer);
        return pool != null && pool.connectedCount() > 0;
    }

    /** Sends {@code request} (ownership passes) to {@code peer}; the answer goes to {@code sink}. */
    public void send(ClusterNode peer, Request request, byte mode, ConsistencyLevel level, ReplySink sink) {
        send(peer, request, mode, level, -1, sink, null);
    }

    /**
     * Sends {@code request} (ownership passes) to {@code peer} on the connection of the caller's loop
     * chosen by {@code sink.connectionId()}, so requests with the same loop and id reach the peer in the
     * order they were sent. The answer goes to {@code sink}; {@code onDone}, when not null, runs once the
     * peer's work for the request is over (see {@link PeerMessage#DONE}).
     *
     * @param originRack the sender's rack position for {@link PeerMessage#MODE_PRIMARY}, else -1
     */
    public void send(ClusterNode peer, Request request, byte mode, ConsistencyLevel level, int originRack,
                     ReplySink sink, Runnable onDone) {
        LoopAffinePool<PeerConnection> pool = pools.get(peer);
        byte origin = (byte) (originRack + 1);
        if (pool == null) {
            request.release();
            sink.error("no link to " + peer.name());
            if (onDone != null) {
                onDone.run();
            }
            return;
        }
        PeerConnection connection = pool.onCallerLoop(sink);
        if (connection != null) {
            connection.send(request, mode, level, origin, sink, onDone);
        } else {
            PeerConnection other = pool.anyFor(sink);
            other.loop().execute(() -> other.send(request, mode, level, origin, sink, onDone));
        }
    }

    @Override
    public void close() {
        pools.values().forEach(LoopAffinePool::close);
    }
}
