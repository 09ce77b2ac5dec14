package io.dynoj.core.node;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.dynoj.core.admin.AdminContext;
import io.dynoj.core.admin.AdminAccess;
import io.dynoj.core.admin.AdminServer;
import io.dynoj.core.admin.NodeDescription;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.gossip.GossipTopologySource;
import io.dynoj.core.gossip.MemberState;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.handoff.HintSettings;
import io.dynoj.core.handoff.HintedHandoff;
import io.dynoj.core.health.HealthSettings;
import io.dynoj.core.health.PeerState;
import io.dynoj.core.health.PhiAccrualDetector;
import io.dynoj.core.net.OutboundTls;
import io.dynoj.core.net.Transport;
import io.dynoj.core.peer.PeerIdentity;
import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.repair.RangeOps;
import io.dynoj.core.repair.RangeStreamService;
import io.dynoj.core.repair.RepairService;
import io.dynoj.core.warmup.WarmupService;
import io.dynoj.core.peer.PeerServer;
import io.dynoj.core.pubsub.ClusterFanOut;
import io.dynoj.core.pubsub.PubSubHub;
import io.dynoj.core.plugin.ProviderLoader;
import io.dynoj.core.routing.ClusterRouter;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.server.ClientServer;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.Version;
import io.dynoj.core.state.ServingState;
import io.dynoj.core.state.StateGate;
import io.dynoj.core.tls.NodeTls;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.StaticTopology;
import io.dynoj.core.topology.Topology;
import io.dynoj.core.topology.TopologyHolder;
import io.dynoj.core.topology.TopologySource;
import io.dynoj.core.topology.TopologySourceContext;
import io.dynoj.core.topology.TopologySourceProvider;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Dynoj node: its client protocol, its datastore, its place in the cluster, and the servers that
 * connect them. {@link #start()} once, {@link #close()} once; {@link #state()} says where it is.
 */
public final class DynojNode implements AutoCloseable, AdminContext {

    private static final Logger log = LoggerFactory.getLogger(DynojNode.class);
    private static final long START_WAIT_MS = 5000;
    private static final long TOPOLOGY_WAIT_MS = 120_000;

    private final NodeConfig config;
    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicReference<NodeState> state = new AtomicReference<>(NodeState.NEW);
    private TopologyHolder topology;
    private TopologySource topologySource;
    /** What the datastore serves (Dynomite's node state); read once per request by the {@link StateGate}. */
    private final AtomicReference<ServingState> serving = new AtomicReference<>(ServingState.NORMAL);
    private final ConsistencySettings consistency;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private Datastore datastore;
    private PeerLinks peers;
    private PeerServer peerServer;
    private HintedHandoff hints;
    private ClientServer server;
    private AdminServer admin;
    private JmxReporter jmx;
    private RangeStreamService streams;
    private RepairService repair;
    private WarmupService warmup;
    /** The node's TLS; {@code null} when nothing speaks TLS. */
    private NodeTls tls;
    private volatile NodeDescription description;

    public DynojNode(NodeConfig config) {
        this.config = config;
        this.consistency = new ConsistencySettings(config.readConsistency(), config.writeConsistency());
    }

    /** Starts serving; on failure the node is {@link NodeState#FAILED} and everything it opened is closed. */
    public DynojNode start() {
        if (!state.compareAndSet(NodeState.NEW, NodeState.STARTING)) {
            throw new IllegalStateException("node is " + state.get() + ", not NEW");
        }
        StartupSteps steps = new StartupSteps();
        try {
            ProtocolAdapter protocol = ProviderLoader.protocol(config.protocol());
            DatastoreProvider provider = ProviderLoader.datastore(config.datastoreType());
            if (!provider.protocols().contains(protocol.name())) {
                throw new IllegalStateException("datastore '" + provider.type() + "' cannot serve protocol '"
                        + protocol.name() + "'; it serves " + provider.protocols());
            }
            TopologySourceProvider sources = ProviderLoader.topologySource(config.dynSeedProvider());
            sources.validate(config);
            steps.done("adapters");
            // Until the source publishes, the node knows only itself (version 0).
            topology = new TopologyHolder(new Topology(0, List.of(StaticTopology.self(config))), metrics);
            tls = NodeTls.start(config.tls(), metrics);
            steps.done("tls");
            Transport transport = Transport.best();
            int threads = config.ioThreads() > 0 ? config.ioThreads() : defaultIoThreads();
            acceptGroup = transport.newGroup(1, "dynoj-accept");
            // Named after the client port: where several nodes share a JVM (local-cluster), a thread dump or
            // /proc/PID/task tells whose I/O thread is busy (benchmarks/scale-bench.sh reads it there).
            ioGroup = transport.newGroup(threads, "dynoj-io-" + config.listen().port());
            steps.done("event loops");
            // Every request the datastore serves, from clients or peers, passes the state gate first.
            DatastoreContext context = new DatastoreContext(config.datastoreSettings(), ioGroup,
                    datastoreChannels(transport), protocol, ClientServer.protocolLimits(config), metrics);
            StateGate gate = new StateGate(provider.create(context), serving::get, metrics);
            datastore = gate;
            steps.done("datastore");
            ClusterRouter router = clusterRouter(protocol, transport, gate);
            steps.done("router, peers, hints");
            TopologySource configured = sources.create(new TopologySourceContext(config, self(), metrics));
            // enable_gossip: the configured source names the seeds, gossip learns the members.
            topologySource = config.enableGossip() ? new GossipTopologySource(configured, self(), peers, peerServer,
                    config.gosIntervalMillis()) : configured;
            topology.source(topologySource.describe());
            awaitTopology(topologySource.start(topology::publish));
            steps.done("topology");
            await("datastore", datastore.start());
            steps.done("datastore start");
            await("peers", peers.connected());
            steps.done("peer links");
            // Before clients are served: a node that must warm up never answers a read from partial data.
            warmup.atStart();
            steps.done("warm-up decision");
            server = ClientServer.bind(config, transport, acceptGroup, ioGroup, protocol, router, consistency, metrics,
                    tls, pubSubHub());
            steps.done("client server");
            admin = AdminServer.bind(config.statsListen(), transport, acceptGroup, this, AdminAccess.of(config.auth()));
            steps.done("admin server");
            description = new NodeDescription(Instant.now(), protocol.name(), provider.type(), server.localAddress(),
                    peerAddress(), admin.localAddress(), hasher());
            jmx = MetricsJmx.start(metrics, config.listen().host() + ":" + server.localAddress().getPort());
            steps.done("jmx");
            topologySource.serving(server.localAddress(), admin.localAddress());
            state.set(NodeState.RUNNING);
            log.info("Dynoj {} serving {} clients on {} ({} transport, {} I/O threads), datastore '{}' {}, admin on {}, {}",
                    Version.get(), protocol.name(), server.localAddress(), transport, threads, provider.type(),
                    config.servers(), admin.localAddress(), topology.get());
            log.info("Dynoj node on {} {}", server.localAddress(), steps.summary());
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    /**
     * The router, always: a node that starts alone may be joined later. The peer port listens whenever
     * {@code dyn_listen} is set, so other nodes can reach this one.
     */
    private ClusterRouter clusterRouter(ProtocolAdapter protocol, Transport transport, StateGate gate)
            throws InterruptedException {
        if (config.dynListen() != null) {
            // Bound first, serving last: the node's identity carries the address it really listens on.
            peerServer = PeerServer.bind(config.dynListen(), transport, acceptGroup, ioGroup);
        }
        PeerIdentity identity = new PeerIdentity(config.clusterName(), config.nodeId(), self().peerAddress());
        long maxPayload = config.requestLimits().peerFrameLimit();
        peers = new PeerLinks(ioGroup, transport, identity, new PeerLinks.Settings(
                config.localPeerConnections(), config.remotePeerConnections(), config.dynReadTimeoutMillis(),
                config.dynWriteTimeoutMillis(), maxPayload, healthSettings()), metrics, tls);
        topology.addListener(peers);
        ClusterRouter router = new ClusterRouter(topology, hasher()::token,
                datastore, peers, protocol, consistency, config.readFailoverAttempts(), ioGroup, metrics);
        router.readRepair(config.readRepairs(), config.readRepairBlocking());
        hints = router.startHints(new HintSettings(config.hintedHandoff(), config.dataDir().resolve("hints"),
                config.maxHintWindowMillis(), config.maxHintsBytesPerNode(), config.hintReplayRate()), metrics);
        peers.onReachable(hints::targetReachable); // the replay thread sleeps until there is work
        if (peerServer != null) {
            peerServer.encrypt(tls, this::plainPeerAllowed);
            peerServer.serve(protocol, router, new PeerServer.Settings(identity, maxPayload, config.peerMaxInFlight()),
                    metrics, new PeerServer.PeerEvents(peers::peerConnected, peers::heardFrom));
        }
        rangeStreaming(gate);
        return router;
    }

    /** Peers' STREAM frames, repair runs and warm-up, over the datastore's range store (when it has one). */
    private void rangeStreaming(StateGate gate) {
        KeyHasher hasher = hasher();
        Datastore store = datastore;
        RangeOps ops = new RangeOps(store::rangeStore, key -> hasher.token(key, 0, key.length), System::currentTimeMillis);
        streams = new RangeStreamService(ops);
        if (peerServer != null) {
            peerServer.stream(streams);
        }
        repair = new RepairService(topology::get, ops, peers, metrics);
        warmup = new WarmupService(new WarmupService.Settings(config.warmupAuto(), config.warmupRate(), config.dataDir()),
                topology::get, ops, store::rangeStore, peers, this::servingState, gate::watchWrites, metrics);
    }

    /**
     * The node's datastore, behind its state gate: what it executes bypasses routing and replication, so a
     * tool or a test reaches this replica alone with it (e.g. through its {@link Datastore#rangeStore()}).
     * Null before the node started.
     */
    public Datastore datastore() {
        return datastore;
    }

    /** Anti-entropy repair of this node's ranges; null before the node started. */
    @Override
    public RepairService repair() {
        return repair;
    }

    /** Warm-up of this node's datastore from other racks; null before the node started. */
    @Override
    public WarmupService warmup() {
        return warmup;
    }

    /**
     * The node's publish/subscribe hub: its clients' subscriptions; messages published here go to every other
     * node, and those published on other nodes arrive through the peer server.
     */
    private PubSubHub pubSubHub() {
        PubSubHub hub = new PubSubHub(new ClusterFanOut(topology, peers,
                Math.min(ClusterFanOut.DEFAULT_WAIT_MILLIS, config.dynReadTimeoutMillis())));
        if (peerServer != null) {
            peerServer.publishes(hub::deliver);
        }
        return hub;
    }

    /**
     * Whether {@code peer} may link to this node in plain text: the topology places it (by node id or peer
     * address) where {@code secure_server_option} leaves the link plain. A node the topology does not know
     * yet may only with {@code enable_gossip}, where a joining node says hello before it is a member.
     */
    private boolean plainPeerAllowed(PeerIdentity peer) {
        Topology now = topology.get();
        for (ClusterNode node : now.nodes()) {
            if (node.id().equals(peer.nodeId()) || node.peerAddress().equals(peer.peerAddress())) {
                return !tls.encrypts(now.local().dc(), now.local().rack(), node.dc(), node.rack());
            }
        }
        return config.enableGossip();
    }

    /** The datastore's connections, in TLS with {@code datastore_tls} (OutboundConnection adds it). */
    private ChannelFactory<? extends Channel> datastoreChannels(Transport transport) {
        OutboundTls encrypted = tls == null ? null : tls.datastore();
        return encrypted == null ? transport.clientChannelFactory()
                : OutboundTls.encrypting(transport.clientChannelFactory(), encrypted);
    }

    private HealthSettings healthSettings() {
        PhiAccrualDetector.Settings d = PhiAccrualDetector.Settings.DEFAULTS;
        return new HealthSettings(config.peerPingIntervalMillis(), config.peerDownAfterMillis(),
                new PhiAccrualDetector.Settings(config.peerPingIntervalMillis(), d.minStdDeviationMillis(),
                        config.peerAcceptablePauseMillis(), config.peerPhiSuspect(), config.peerPhiDown(),
                        d.windowSize()));
    }

    /** The node as its config places it, at the peer address it really listens on (port 0 resolved). */
    private ClusterNode self() {
        ClusterNode configured = StaticTopology.self(config);
        if (peerServer == null || configured.peerAddress().port() != 0) {
            return configured;
        }
        HostPort bound = new HostPort(configured.peerAddress().host(), peerServer.localAddress().getPort());
        return new ClusterNode(configured.id(), configured.dc(), configured.rack(), bound, configured.tokens(), true);
    }

    /** The first snapshot is needed: without it the node does not know which keys it holds. */
    private static void awaitTopology(CompletableFuture<Void> first) throws InterruptedException {
        try {
            first.get(TOPOLOGY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("no topology: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no topology from the topology source within " + TOPOLOGY_WAIT_MS + " ms");
        }
    }

    private KeyHasher hasher() {
        return KeyHasher.of(config.hash(), config.hashTag());
    }

    /**
     * Half the cores, at least one. In front of a server, the datastore usually runs on the same host
     * and needs cores too (measured on 2 cores, docs/PERFORMANCE.md: one I/O thread beat two at P1
     * and at P16). On the embedded LevelDB store too: its writes serialise on LevelDB's lock, and on
     * 2 cores one thread did 1.6x the SETs/s of two at P16 (two only won P16 GETs, by 1.3x).
     */
    static int defaultIoThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Something that is down at start is not fatal: it reconnects, and requests that need it fail meanwhile. */
    private static void await(String what, java.util.concurrent.CompletableFuture<Void> ready) throws InterruptedException {
        try {
            ready.get(START_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("{} not all reachable yet ({}); serving anyway, requests that need them fail until they are",
                    what, cause.toString());
        }
    }

    /** Where the node is in its lifecycle. */
    public NodeState state() {
        return state.get();
    }

    @Override
    public String lifecycle() {
        return state.get().name();
    }

    /** What the node's datastore serves now (Dynomite's node state); NORMAL at start. */
    @Override
    public ServingState servingState() {
        return serving.get();
    }

    /** Changes what the datastore serves, from the next request on; answers the previous state. */
    @Override
    public ServingState servingState(ServingState next) {
        ServingState previous = serving.getAndSet(next);
        if (topologySource instanceof GossipTopologySource gossip) {
            gossip.servingState(MemberState.valueOf(next.name()));
        }
        return previous;
    }

    /** Leaves the ring everywhere (gossip only); see {@link GossipTopologySource#leave}. */
    @Override
    public void decommission() {
        if (!(topologySource instanceof GossipTopologySource gossip)) {
            throw new IllegalStateException("decommission needs enable_gossip: true (the topology comes from "
                    + topology.source() + ")");
        }
        gossip.leave();
    }

    @Override
    public NodeDescription description() {
        NodeDescription d = description;
        if (d == null) {
            throw new IllegalStateException("node is " + state.get());
        }
        return d;
    }

    public NodeConfig config() {
        return config;
    }

    @Override
    public java.util.Map<String, java.util.Map<String, Object>> hints() {
        HintedHandoff h = hints;
        return h == null ? java.util.Map.of() : h.describe();
    }

    @Override
    public MetricRegistry metrics() {
        return metrics;
    }

    /** The node's read and write consistency, changeable at run time. */
    @Override
    public ConsistencySettings consistency() {
        return consistency;
    }

    /** Whether the node has a live connection to every peer (true for a node alone). */
    public boolean peersConnected() {
        return peers == null || peers.allConnected();
    }

    @Override
    public PeerState peerState(ClusterNode peer) {
        return peer.local() || peers == null ? null : peers.state(peer);
    }

    @Override
    public double peerPhi(ClusterNode peer) {
        return peer.local() || peers == null ? 0 : peers.phi(peer);
    }

    /** The topology the node routes on now. */
    @Override
    public Topology topology() {
        return topology.get();
    }

    @Override
    public String topologySource() {
        return topology.source();
    }

    @Override
    public Instant topologyChangedAt() {
        return topology.changedAt();
    }

    /** Where clients connect (the real port when {@code listen} asked for port 0). */
    public InetSocketAddress clientAddress() {
        if (server == null) {
            throw new IllegalStateException("node is " + state.get());
        }
        return server.localAddress();
    }

    /** Where TLS clients connect on {@code listen_tls}, or {@code null} without it. */
    public InetSocketAddress clientTlsAddress() {
        if (server == null) {
            throw new IllegalStateException("node is " + state.get());
        }
        return server.tlsAddress();
    }

    /** The node's TLS (to reload its certificates now, say), or {@code null} when nothing speaks TLS. */
    public NodeTls tls() {
        return tls;
    }

    /** Where the admin HTTP server listens ({@code stats_listen}). */
    public InetSocketAddress adminAddress() {
        if (admin == null) {
            throw new IllegalStateException("node is " + state.get());
        }
        return admin.localAddress();
    }

    /** Where peers connect, or {@code null} without {@code dyn_listen}. */
    public InetSocketAddress peerAddress() {
        return peerServer == null ? null : peerServer.localAddress();
    }

    private void fail() {
        state.set(NodeState.FAILED);
        release();
    }

    @Override
    public void close() {
        NodeState previous = state.getAndUpdate(s -> s == NodeState.RUNNING ? NodeState.STOPPING : s);
        if (previous != NodeState.RUNNING) {
            return;
        }
        release();
        state.set(NodeState.STOPPED);
        log.info("Dynoj node on {} stopped", config.listen());
    }

    private void release() {
        if (topologySource != null) {
            // First: a registered member leaves before the node stops answering.
            topologySource.close();
        }
        if (jmx != null) {
            jmx.stop();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
        if (repair != null) {
            repair.close();
        }
        if (warmup != null) {
            warmup.close();
        }
        if (peerServer != null) {
            peerServer.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (hints != null) {
            hints.close();
        }
        if (peers != null) {
            peers.close();
        }
        if (datastore != null) {
            datastore.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (acceptGroup != null) {
            acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
