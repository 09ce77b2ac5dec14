package io.dynoj.coordinator.zookeeper;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.dynoj.core.topology.TopologySource;
import io.dynoj.core.topology.TopologySourceContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dyn_seed_provider: zookeeper}: the cluster as ZooKeeper keeps it. At start the node claims its
 * tokens and registers its member znode ({@link Registration}), then watches the cluster's znodes with a
 * {@link CuratorCache}. Every change is taken as a hint only (level-triggered): the whole ring is rebuilt
 * from the cache's current znodes and published, with the next version, when it differs from the last
 * one published. The ring is made of the token claims ({@link ClusterState#nodes}), so a node that dies
 * keeps its keys until a replacement claims its tokens.
 *
 * <p>ZooKeeper trouble never touches the data path: while the connection is suspended or the session
 * lost, nothing is published and the node routes on its last ring; when a new session comes, the member
 * znode is registered again (the claims, persistent, stayed) and the ring is rebuilt.
 *
 * <p>Threading: everything (start, rebuilds, connection state changes, publishing) runs on one thread of
 * the source's own, so rebuilds never overlap; the cache's and Curator's threads only hand work to it.
 */
public final class ZooKeeperTopologySource implements TopologySource {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperTopologySource.class);

    private final ZooKeeperSettings settings;
    private final ClusterNode self;
    private final ClusterPaths paths;
    private final CuratorFramework client;
    private final Registration registration;
    private final ExecutorService thread;
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private final Counter reconnects;
    private final Counter rejoins;
    private volatile boolean connected = true;
    private volatile boolean started;
    private volatile boolean closed;
    /** Another process registered this node id while this one was away: it stays out of the members. */
    private boolean displaced;
    private volatile Member member;
    private Consumer<Topology> publish;
    private volatile CuratorCache cache;
    private List<ClusterNode> published;
    private long version;
    private String problem;
    private long disconnectedAt;

    ZooKeeperTopologySource(ZooKeeperSettings settings, TopologySourceContext context) {
        this.settings = settings;
        this.self = context.self();
        this.paths = new ClusterPaths(settings.root(), settings.cluster());
        this.client = ZooKeeperClients.newClient(settings);
        MetricRegistry metrics = context.metrics();
        NodeConfig config = context.config();
        this.registration = new Registration(client, paths, new ClaimPlanner(self.id(), self.dc(), self.rack(),
                config.tokensConfigured() ? config.tokens() : null), settings, metrics.counter("topology.zookeeper.claim_conflicts"));
        this.reconnects = metrics.counter("topology.zookeeper.reconnects");
        this.rejoins = metrics.counter("topology.zookeeper.rejoins");
        metrics.gauge("topology.zookeeper.connected", () -> () -> connected && started ? 1 : 0);
        this.member = new Member(self.id(), self.dc(), self.rack(), self.peerAddress().host(), self.peerAddress().port(),
                config.listen().port(), config.statsListen() == null ? 0 : config.statsListen().port(), List.of(),
                Member.State.JOINING);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dynoj-zookeeper");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Void> start(Consumer<Topology> publisher) {
        this.publish = publisher;
        return CompletableFuture.runAsync(() -> {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining through ZooKeeper", e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("ZooKeeper at " + settings.connect() + ": " + e, e);
            }
        }, thread);
    }

    private void join() throws Exception {
        client.getConnectionStateListenable().addListener((c, state) -> stateChanged(state), thread);
        client.start();
        if (!client.blockUntilConnected(settings.connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("cannot reach ZooKeeper at " + settings.connect() + " within "
                    + settings.connectionTimeoutMs() + " ms (zookeeper.connection_timeout)");
        }
        log.info("connected to ZooKeeper at {} (session 0x{})", settings.connect(),
                Long.toHexString(registration.currentSession()));
        member = registration.join(member);
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        cache = CuratorCache.build(client, paths.cluster());
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> queueRebuild())
                .forInitialized(() -> loaded.complete(null))
                .build());
        cache.start();
        loaded.get(settings.connectionTimeoutMs(), TimeUnit.MILLISECONDS);
        started = true;
        if (!rebuild()) {
            throw new IllegalStateException("the token claims in ZooKeeper make no ring with this node: " + problem);
        }
    }

    /** Hands a rebuild to the source's thread; many events before it runs make one rebuild. */
    private void queueRebuild() {
        if (started && !closed && rebuildQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    rebuildQueued.set(false);
                    rebuild();
                });
            } catch (RejectedExecutionException e) {
                // closed meanwhile: nothing to rebuild for
            }
        }
    }

    /** On the source's thread: publishes the ring the cache holds now, if it changed. Answers whether one is published. */
    private boolean rebuild() {
        if (closed || !connected) {
            return published != null;
        }
        ClusterState state = cachedState();
        if (state.session(self.id()) != registration.session() && published != null && !displaced) {
            // Our member znode is gone or not this session's: a new session, or someone removed it.
            rejoin();
        }
        List<ClusterNode> nodes = state.nodes(self.id(), self.peerAddress());
        if (nodes.equals(published)) {
            return true;
        }
        Topology next;
        try {
            next = new Topology(version + 1, nodes);
        } catch (IllegalArgumentException e) {
            reportProblem(e.getMessage());
            return published != null;
        }
        version++;
        published = nodes;
        problem = null;
        publish.accept(next);
        return true;
    }

    private ClusterState cachedState() {
        ClusterState.Builder state = ClusterState.builder(paths);
        cache.stream().forEach((ChildData d) -> state.add(d.getPath(), d.getStat(), d.getData()));
        return state.build();
    }

    private void rejoin() {
        try {
            long before = registration.session();
            Member registered = registration.rejoin(member);
            displaced = registered == null;
            if (registered != null && registration.session() != before) {
                member = registered;
                rejoins.inc();
                log.info("{} registered again in ZooKeeper (session 0x{}) {} ms after it lost the connection, holding"
                        + " tokens {}", self.id(), Long.toHexString(registration.session()),
                        disconnectedAt == 0 ? 0 : System.currentTimeMillis() - disconnectedAt, registered.tokens());
            }
        } catch (Exception e) {
            log.warn("could not register {} again in ZooKeeper ({}); trying at the next change", self.id(), e.toString());
        }
    }

    private boolean newSession() {
        try {
            return registration.currentSession() != registration.session();
        } catch (Exception e) {
            return true;
        }
    }

    /** Logs a ring that cannot be made once, not at every rebuild. */
    private void reportProblem(String what) {
        if (!what.equals(problem)) {
            log.error("ZooKeeper's claims make no usable ring ({}); keeping topology v{}", what, version);
        }
        problem = what;
    }

    /** On the source's thread, once per change of Curator's connection state. */
    private void stateChanged(ConnectionState state) {
        switch (state) {
            case CONNECTED -> log.debug("connected to ZooKeeper at {}", settings.connect());
            case SUSPENDED, READ_ONLY -> {
                connected = false;
                disconnectedAt = System.currentTimeMillis();
                log.warn("ZooKeeper connection {} ({}): serving on topology v{}, making no topology changes until it is back",
                        state.name().toLowerCase(), settings.connect(), version);
            }
            case LOST -> {
                connected = false;
                disconnectedAt = disconnectedAt == 0 ? System.currentTimeMillis() : disconnectedAt;
                log.warn("ZooKeeper session lost: still serving on topology v{}; this node registers again when"
                        + " ZooKeeper is back", version);
            }
            case RECONNECTED -> {
                connected = true;
                reconnects.inc();
                log.info("reconnected to ZooKeeper after {} ms", disconnectedAt == 0 ? 0 : System.currentTimeMillis() - disconnectedAt);
                if (started) {
                    if (newSession()) {
                        rejoin();
                    }
                    rebuild();
                }
                disconnectedAt = 0;
            }
            default -> log.info("ZooKeeper connection {}", state);
        }
    }

    @Override
    public void serving(InetSocketAddress clientAddress, InetSocketAddress adminAddress) {
        thread.execute(() -> {
            member = member.serving(clientAddress.getPort(), adminAddress.getPort());
            try {
                registration.update(member);
            } catch (Exception e) {
                // The next registration (after a reconnection) writes it.
                log.warn("could not mark {} serving in ZooKeeper: {}", self.id(), e.toString());
            }
        });
    }

    /** The Curator client, for tests that expire its session. */
    CuratorFramework client() {
        return client;
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public void close() {
        closed = true;
        if (cache != null) {
            cache.close();
        }
        // Ends the session: the member znode goes at once; the claims stay for a restart or a replacement.
        // A start still under way on the source's thread then fails at its next ZooKeeper call.
        client.close();
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
