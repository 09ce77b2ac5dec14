package io.dynoj.core.peer;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.health.FailureDetector;
import io.dynoj.core.health.HealthSettings;
import io.dynoj.core.health.PeerHealth;
import io.dynoj.core.health.PeerState;
import io.dynoj.core.health.PhiAccrualDetector;
import io.dynoj.core.net.LoopAffinePool;
import io.dynoj.core.net.OutboundTls;
import io.dynoj.core.net.Transport;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.tls.NodeTls;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.dynoj.core.topology.TopologyListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's connections to every other node of the current topology: for each peer,
 * {@code connectionsPerLoop} connections on every event loop, so a forwarded request leaves on the
 * thread that decoded it.
 *
 * <p>Reconciled on every topology swap ({@link TopologyListener}): links to new peers open before the
 * swap, so no request routed on the new snapshot finds its peer missing; links to peers that left (or
 * moved to another address) drain after it: what was sent gets its answer or its timeout, then they
 * close. A peer whose tokens changed keeps its link. Links are found by node id; the map is swapped
 * whole, so senders read it without a lock.
 *
 * <p>Every connection says hello with this node's {@link PeerIdentity} first and carries requests only
 * once the peer accepted it (a peer of another cluster, say, refuses it: requests to it then fail with
 * the peer's reason).
 *
 * <p>Each peer has a {@link PeerHealth}: a monitor on one event loop, every {@link #MONITOR_MILLIS} ms,
 * feeds the {@link FailureDetector} with the last time the peer was heard of on any of its connections
 * (anything came from it, or it took bytes that waited for it: {@link PeerConnection#lastHeard()}), or
 * on a connection it opened to this node ({@link #heardFrom}), and judges it UP, SUSPECT or DOWN.
 * {@link #reachable} is "connected and not DOWN".
 */
public final class PeerLinks implements TopologyListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerLinks.class);

    /** How often every peer is judged: also the heartbeat sampling of a busy link. */
    static final long MONITOR_MILLIS = 100;

    /**
     * Per-peer settings: connections per I/O thread, how long a request may wait for its answer, and how
     * peers are watched.
     */
    public record Settings(int localDcConnections, int remoteDcConnections, long timeoutMillis,
                           long connectTimeoutMillis, long maxPayload, HealthSettings health) {

        public Settings(int localDcConnections, int remoteDcConnections, long timeoutMillis,
                        long connectTimeoutMillis, long maxPayload) {
            this(localDcConnections, remoteDcConnections, timeoutMillis, connectTimeoutMillis, maxPayload,
                    HealthSettings.DEFAULTS);
        }
    }

    /** @param inbound when bytes last came from the peer on a connection it opened to this node; 0: never */
    private record Link(ClusterNode node, LoopAffinePool<PeerConnection> pool, CompletableFuture<Void> connected,
                        PeerHealth health, AtomicLong inbound) {
    }

    private final EventLoopGroup group;
    private final PeerIdentity self;
    private final Settings settings;
    private final MetricRegistry metrics;
    private final Bootstrap bootstrap;
    private final FailureDetector detector;
    /** Which links are encrypted, and how; {@code null}: none. */
    private final NodeTls tls;
    /** The loop the monitor runs on: every judgement happens there. */
    private final EventLoop monitorLoop;
    private final io.netty.util.concurrent.ScheduledFuture<?> monitor;
    private volatile Map<String, Link> links = Map.of();
    /** Node ids gossip says refuse reads (WRITES_ONLY...); swapped whole. */
    private volatile Set<String> readsRefused = Set.of();
    /** Told the node id of each peer that became reachable; on the monitor's loop. */
    private volatile Consumer<String> onReachable = nodeId -> { };
    /** The links (by key) that were reachable at the last judgement; on the monitor's loop only. */
    private final Set<String> reachableBefore = new HashSet<>();
    private boolean closed;

    /** @param self this node, as its hello to every peer says */
    public PeerLinks(EventLoopGroup group, Transport transport, PeerIdentity self, Settings settings,
                     MetricRegistry metrics) {
        this(group, transport, self, settings, metrics, null);
    }

    /** As the other constructor; links {@code tls} says to encrypt use TLS ({@code null}: none). */
    public PeerLinks(EventLoopGroup group, Transport transport, PeerIdentity self, Settings settings,
                     MetricRegistry metrics, NodeTls tls) {
        this.tls = tls;
        this.group = group;
        this.self = self;
        this.settings = settings;
        this.metrics = metrics;
        this.bootstrap = new Bootstrap()
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.connectTimeoutMillis(), 60_000))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20));
        this.detector = new PhiAccrualDetector(settings.health().phi());
        this.monitorLoop = group.next();
        this.monitor = monitorLoop.scheduleAtFixedRate(this::judge, MONITOR_MILLIS, MONITOR_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The monitor: every peer's latest heartbeat to the detector, and its state judged. */
    private void judge() {
        try {
            judge(System.nanoTime());
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: detection must outlive a bug.
            log.error("judging the peers failed", e);
        }
    }

    /** Judges every peer now, on the monitor's loop (a connection came up: a DOWN peer may be back). */
    private void judgeSoon() {
        try {
            monitorLoop.execute(this::judge);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the node is stopping: nobody to route for
        }
    }

    private void judge(long now) {
        Map<String, Link> current = links;
        for (Map.Entry<String, Link> entry : current.entrySet()) {
            Link link = entry.getValue();
            long last = 0;
            for (PeerConnection c : link.pool().connections()) {
                long received = c.lastHeard();
                if (received != 0 && (last == 0 || received - last > 0)) {
                    last = received;
                }
            }
            long inbound = link.inbound().get();
            if (inbound != 0 && (last == 0 || inbound - last > 0)) {
                last = inbound;
            }
            PeerState before = link.health().state();
            link.health().evaluate(now, last, link.pool().connectedCount() > 0);
            if (before != PeerState.DOWN && link.health().state() == PeerState.DOWN) {
                link.pool().connections().forEach(PeerConnection::failWaiting);
            } else if (before == PeerState.DOWN && link.health().state() == PeerState.UP) {
                // Back: connections still in their backoff try now instead of up to 5 s later.
                link.pool().connections().forEach(PeerConnection::reconnectNow);
            }
            boolean reachable = link.health().state() != PeerState.DOWN && link.pool().anyConnected();
            if (!reachable) {
                reachableBefore.remove(entry.getKey());
            } else if (reachableBefore.add(entry.getKey())) {
                onReachable.accept(link.node().id());
            }
        }
        reachableBefore.retainAll(current.keySet());
    }

    /**
     * {@code listener} is told the node id of each peer that becomes {@link #reachable} (a new link connected,
     * a DOWN peer back), within a monitor round of it; on the monitor's event loop, so it must not block.
     * Replaces the last listener.
     */
    public void onReachable(Consumer<String> listener) {
        onReachable = listener;
    }

    /** Opens links to the peers of {@code next} that have none yet (at their address); keeps the others. */
    @Override
    public synchronized void preparing(Topology next) {
        if (closed) {
            return;
        }
        Map<String, Link> updated = new HashMap<>(links);
        for (ClusterNode peer : next.nodes()) {
            Link link = updated.get(peer.id());
            if (peer.local() || (link != null && link.node().peerAddress().equals(peer.peerAddress()))) {
                continue;
            }
            if (link != null) {
                // Same node at another address: the old link drains once the swap is done.
                updated.put(peer.id() + " (moved)", link);
            }
            updated.put(peer.id(), open(peer, next.local()));
        }
        links = Map.copyOf(updated);
    }

    /** Drains the links {@code next} no longer needs, and keeps each remaining peer's latest tokens. */
    @Override
    public synchronized void changed(Topology previous, Topology next) {
        Map<String, ClusterNode> wanted = new HashMap<>();
        next.nodes().stream().filter(n -> !n.local()).forEach(n -> wanted.put(n.id(), n));
        Map<String, Link> kept = new HashMap<>();
        links.forEach((key, link) -> {
            ClusterNode now = wanted.get(key);
            if (now != null && now.peerAddress().equals(link.node().peerAddress())) {
                kept.put(key, new Link(now, link.pool(), link.connected(), link.health(), link.inbound()));
            } else {
                drain(link);
            }
        });
        links = Map.copyOf(kept);
    }

    private Link open(ClusterNode peer, ClusterNode local) {
        OutboundTls encrypted = tls == null ? null : tls.peerLink(local.dc(), local.rack(), peer.dc(), peer.rack());
        Bootstrap bootstrap = encrypted == null ? this.bootstrap : this.bootstrap.clone().attr(OutboundTls.KEY, encrypted);
        InetSocketAddress address = new InetSocketAddress(peer.peerAddress().host(), peer.peerAddress().port());
        PeerMetrics peerMetrics = new PeerMetrics(metrics, peer.name());
        String prefix = PeerMetrics.prefix(peer.name());
        // Keyed by address too: a node that moved has a new link, judged afresh while the old one drains.
        PeerHealth health = new PeerHealth(peer.id() + "@" + peer.peerAddress(), peer.name(), detector, settings.health().downAfterMillis(),
                System.nanoTime(), peerMetrics.failed::getCount, peerMetrics.timeouts::getCount, metrics, prefix);
        int perLoop = peer.dc().equals(local.dc()) ? settings.localDcConnections() : settings.remoteDcConnections();
        LoopAffinePool<PeerConnection> pool = new LoopAffinePool<>(group, perLoop, loop -> new PeerConnection(loop,
                bootstrap, address, peer.name(), self, settings.timeoutMillis(), settings.maxPayload(), peerMetrics,
                health, settings.health().pingIntervalMillis(), this::judgeSoon));
        registerGauge(prefix + ".connections", pool::connectedCount);
        registerGauge(prefix + ".state", () -> health.state().code());
        registerGauge(prefix + ".phi", health::phi);
        registerGauge(prefix + ".return_ms", health::returnMillis);
        return new Link(peer, pool, pool.start(), health, new AtomicLong());
    }

    private <T> void registerGauge(String name, Gauge<T> gauge) {
        metrics.remove(name);
        metrics.gauge(name, () -> gauge);
    }

    private void drain(Link link) {
        log.info("peer {} left the topology; its link closes once its {} connections have answered",
                link.node().name(), link.pool().connections().size());
        String prefix = PeerMetrics.prefix(link.node().name());
        for (String gauge : List.of(".connections", ".state", ".phi", ".return_ms")) {
            metrics.remove(prefix + gauge);
        }
        link.health().forget();
        link.pool().connections().forEach(PeerConnection::drainAndClose);
    }

    /** Completes when every link of the current topology has connected once (or one failed: they retry). */
    public CompletableFuture<Void> connected() {
        return CompletableFuture.allOf(links.values().stream().map(Link::connected).toArray(CompletableFuture[]::new));
    }

    /** Whether every connection to every peer is up right now. */
    public boolean allConnected() {
        return links.values().stream().allMatch(l -> l.pool().allConnected());
    }

    /**
     * Whether requests may be routed to {@code peer}: some connection to it is up and it is not DOWN (a node
     * without links is not). Callable from any thread.
     */
    public boolean reachable(ClusterNode peer) {
        Link link = links.get(peer.id());
        return link != null && link.health().state() != PeerState.DOWN && link.pool().anyConnected();
    }

    /**
     * Whether {@code peer}'s node serves reads as far as gossip last said: false for the node ids
     * {@link #refuseReads} named. Callable on any thread (a volatile read).
     */
    public boolean servesReads(ClusterNode peer) {
        return !readsRefused.contains(peer.id());
    }

    /** The node ids whose gossiped state refuses reads, replacing the last set; from the topology source. */
    public void refuseReads(Set<String> nodeIds) {
        readsRefused = Set.copyOf(nodeIds);
    }

    /** What this node thinks of {@code peer} now; DOWN for a node it has no link to (itself included). */
    public PeerState state(ClusterNode peer) {
        Link link = links.get(peer.id());
        return link == null ? PeerState.DOWN : link.health().state();
    }

    /** {@code peer}'s phi at the last judgement; 0 without a link. */
    public double phi(ClusterNode peer) {
        Link link = links.get(peer.id());
        return link == null ? 0 : link.health().phi();
    }

    /**
     * The node {@code nodeId} connected to this node and was admitted (its hello): it is alive, so this
     * node's own connections to it that wait out a backoff connect now. Callable from any thread.
     */
    public void peerConnected(String nodeId) {
        Link link = links.get(nodeId);
        if (link != null) {
            link.health().signOfLife(System.nanoTime());
        }
        if (link != null && link.pool().connectedCount() < link.pool().connections().size()) {
            link.pool().connections().forEach(PeerConnection::reconnectNow);
        }
    }

    /**
     * Bytes came from the node {@code nodeId} at {@code nanos} ({@link System#nanoTime()}) on a connection it
     * opened to this node: it is alive, though it may not answer this node's pings meanwhile (busy sending a
     * large frame, say). Its next judgement counts it. Callable from any thread; a map read and a volatile
     * write.
     */
    public void heardFrom(String nodeId, long nanos) {
        Link link = links.get(nodeId);
        if (link != null) {
            link.inbound().set(nanos);
        }
    }

    /**
     * Pings {@code peer} on one of its connections: completes with the round trip, or fails when there is no
     * link, it is not connected or the peer does not answer in time. Callable from any thread.
     */
    public CompletableFuture<Duration> ping(ClusterNode peer) {
        Link link = links.get(peer.id());
        if (link == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no link to " + peer.name()));
        }
        return link.pool().connections().get(0).ping();
    }

    /**
     * Sends a GOSSIP frame carrying {@code payload} (ownership passes) to the member {@code nodeId} and
     * completes with its answer read by {@code decoder} (on the link's event loop); fails when there is
     * no link, it is not connected, the peer answers an ERROR or not in time. Callable from any thread.
     */
    public <T> CompletableFuture<T> gossip(String nodeId, ByteBuf payload,
                                           Function<ByteBuf, T> decoder) {
        Link link = links.get(nodeId);
        if (link == null) {
            payload.release();
            return CompletableFuture.failedFuture(new IllegalStateException("no link to " + nodeId));
        }
        return link.pool().connections().get(0).exchange(PeerMessage.GOSSIP, payload, decoder);
    }

    /**
     * Sends a STREAM frame carrying {@code payload} (ownership passes) to {@code peer} and completes with its
     * answer read by {@code decoder} (on the link's event loop); fails when there is no link, it is not
     * connected, the peer answers an ERROR or nothing within {@code timeout}. Callable from any thread.
     */
    public <T> CompletableFuture<T> stream(ClusterNode peer, ByteBuf payload, Function<ByteBuf, T> decoder,
                                           Duration timeout) {
        Link link = links.get(peer.id());
        if (link == null) {
            payload.release();
            return CompletableFuture.failedFuture(new IllegalStateException("no link to " + peer.name()));
        }
        return link.pool().connections().get(0).exchange(PeerMessage.STREAM, payload, decoder, timeout.toNanos());
    }

    /**
     * Hands a message published on this node to the node {@code nodeId} (a PUBLISH frame) and completes with
     * how many of its subscribers got it; fails when there is no link, it is not connected, or the peer
     * answers an ERROR or not in time. One connection per peer carries them all, so the messages published
     * through one client connection reach the peer in the order they were published. Callable from any thread.
     */
    public CompletableFuture<Long> publish(String nodeId, byte[] channel, byte[] message) {
        Link link = links.get(nodeId);
        if (link == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no link to " + nodeId));
        }
        PeerConnection connection = link.pool().connections().get(0);
        return connection.exchange(PeerMessage.PUBLISH, PublishPayload.encode(ByteBufAllocator.DEFAULT, channel,
                message), PublishPayload::readCount);
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
        Link link = links.get(peer.id());
        byte origin = (byte) (originRack + 1);
        if (link == null) {
            request.release();
            sink.error("no link to " + peer.name());
            if (onDone != null) {
                onDone.run();
            }
            return;
        }
        LoopAffinePool<PeerConnection> pool = link.pool();
        PeerConnection connection = pool.onCallerLoop(sink);
        if (connection != null) {
            connection.send(request, mode, level, origin, sink, onDone);
        } else {
            PeerConnection other = pool.anyFor(sink);
            other.loop().execute(() -> other.send(request, mode, level, origin, sink, onDone));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        monitor.cancel(false);
        links.values().forEach(l -> l.pool().close());
        links = Map.of();
    }

    /** The peers linked now, for tests and the admin API. */
    List<ClusterNode> linked() {
        return links.values().stream().map(Link::node).toList();
    }
}
