package io.dynoj.client;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.client.pool.HostPools;
import io.dynoj.client.routing.HealthTracker;
import io.dynoj.client.routing.LoadBalancer;
import io.dynoj.client.routing.RetryPolicy;
import io.dynoj.client.topology.AdminHttp;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.HostSupplier;
import io.dynoj.client.topology.NodeStates;
import io.dynoj.client.topology.SeedTopologySupplier;
import io.dynoj.client.topology.TopologyRefresher;
import io.dynoj.client.topology.TopologySupplier;
import io.dynoj.client.zookeeper.ZooKeeperTopologySupplier;
import io.dynoj.core.config.ConsistencyLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;

/**
 * Configures a {@link DynojClient}; every option has a default but where the topology comes from (seeds, or
 * ZooKeeper) and the local rack. Not thread-safe; {@link #build()} may be called more than once.
 */
public final class DynojClientBuilder {

    private static final Logger log = LoggerFactory.getLogger(DynojClientBuilder.class);

    private final List<HostAndPort> seeds = new ArrayList<>();
    private String localDc;
    private String localRack;
    private UnaryOperator<String> environment = System::getenv;
    private Duration refreshInterval = Duration.ofSeconds(30);
    private Duration adminTimeout = Duration.ofSeconds(2);
    private boolean readNodeStates = true;
    private JedisClientConfig clientConfig;
    private int maxConnectionsPerNode = 32;
    private Duration borrowTimeout = Duration.ofSeconds(1);
    private ConnectionPoolConfig poolConfig;
    private ConsistencyLevel readConsistency;
    private ConsistencyLevel writeConsistency;
    private RetryPolicy retryPolicy = RetryPolicy.retry(2, true);
    private LoadBalancer loadBalancer = LoadBalancer.tokenAware();
    private HealthTracker healthTracker;
    private HostSupplier hostSupplier = HostSupplier.convention();
    private Supplier<TopologySupplier> topologySupplier;
    private MetricRegistry metricRegistry;

    DynojClientBuilder() {
    }

    /** Admin addresses ({@code stats_listen}, {@code host:port}) of nodes to ask for the topology; any node will do. */
    public DynojClientBuilder seeds(String... adminAddresses) {
        Arrays.stream(adminAddresses).map(HostAndPort::from).forEach(seeds::add);
        return this;
    }

    /** As {@link #seeds(String...)}. */
    public DynojClientBuilder seeds(List<HostAndPort> adminAddresses) {
        seeds.addAll(adminAddresses);
        return this;
    }

    /**
     * The client's datacenter; default {@code DYNOJ_LOCAL_DC}, then {@code EC2_REGION} from the environment,
     * then the datacenter holding the local rack.
     */
    public DynojClientBuilder localDc(String dc) {
        this.localDc = dc;
        return this;
    }

    /** The client's rack (required); default {@code DYNOJ_LOCAL_RACK}, then {@code EC2_AVAILABILITY_ZONE}. */
    public DynojClientBuilder localRack(String rack) {
        this.localRack = rack;
        return this;
    }

    /** Where the defaults of the local datacenter and rack are read from (tests); default {@link System#getenv}. */
    public DynojClientBuilder environment(UnaryOperator<String> environment) {
        this.environment = Objects.requireNonNull(environment);
        return this;
    }

    /** How often the topology (and node states) are read again; default 30 s. */
    public DynojClientBuilder refreshInterval(Duration interval) {
        this.refreshInterval = interval;
        return this;
    }

    /** How long an admin port may take to answer (topology, states); default 2 s. */
    public DynojClientBuilder adminTimeout(Duration timeout) {
        this.adminTimeout = timeout;
        return this;
    }

    /** Whether each refresh reads every node's state ({@code /state/get_state}); default true. */
    public DynojClientBuilder readNodeStates(boolean read) {
        this.readNodeStates = read;
        return this;
    }

    /**
     * Jedis's connection settings, passed through to every node: timeouts, AUTH ({@code user}, {@code password}),
     * TLS, client name. Default: RESP2, 2 s connect and socket timeouts.
     */
    public DynojClientBuilder clientConfig(JedisClientConfig config) {
        this.clientConfig = config;
        return this;
    }

    /** Most connections to one node; default 32 (ignored with {@link #poolConfig}). */
    public DynojClientBuilder maxConnectionsPerNode(int max) {
        this.maxConnectionsPerNode = max;
        return this;
    }

    /** How long a command waits for a free connection of a busy node; default 1 s (ignored with {@link #poolConfig}). */
    public DynojClientBuilder borrowTimeout(Duration timeout) {
        this.borrowTimeout = timeout;
        return this;
    }

    /** The whole commons-pool2 configuration of each node's pool, instead of the two options above. */
    public DynojClientBuilder poolConfig(ConnectionPoolConfig config) {
        this.poolConfig = config;
        return this;
    }

    /** The read consistency of every connection ({@code DYNOJ CONSISTENCY READ}); default: the node's. */
    public DynojClientBuilder readConsistency(ConsistencyLevel level) {
        this.readConsistency = level;
        return this;
    }

    /** The write consistency of every connection ({@code DYNOJ CONSISTENCY WRITE}); default: the node's. */
    public DynojClientBuilder writeConsistency(ConsistencyLevel level) {
        this.writeConsistency = level;
        return this;
    }

    /** Default: two retries at once, each on the next rack ({@code RetryPolicy.retry(2, true)}). */
    public DynojClientBuilder retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy);
        return this;
    }

    /** Default: {@link LoadBalancer#tokenAware()}. */
    public DynojClientBuilder loadBalancer(LoadBalancer balancer) {
        this.loadBalancer = Objects.requireNonNull(balancer);
        return this;
    }

    /** Default: 3 connection errors in 10 s mark a node down, probed after 1 s, then up to every 10 s. */
    public DynojClientBuilder healthTracker(HealthTracker tracker) {
        this.healthTracker = tracker;
        return this;
    }

    /** Where each node's client and admin ports are; default {@link HostSupplier#convention()}. */
    public DynojClientBuilder hostSupplier(HostSupplier supplier) {
        this.hostSupplier = Objects.requireNonNull(supplier);
        return this;
    }

    /** Explicit addresses by peer address ({@code host:dyn_port}); see {@link HostSupplier#of(Map)}. */
    public DynojClientBuilder nodeAddresses(Map<String, HostSupplier.NodeAddresses> byPeerAddress) {
        return hostSupplier(HostSupplier.of(byPeerAddress));
    }

    /**
     * Where the topology comes from, instead of the seeds' {@code /cluster_describe}. The client closes it when
     * it is closed: give each client its own.
     */
    public DynojClientBuilder topologySupplier(TopologySupplier supplier) {
        this.topologySupplier = supplier == null ? null : () -> supplier;
        return this;
    }

    /**
     * Learns the cluster from ZooKeeper, where its nodes register ({@code dyn_seed_provider: zookeeper}), instead of
     * from seeds: {@code zookeeper("zk1:2181,zk2:2181/dynoj", "prod")}, the path being the nodes' chroot and
     * {@code zookeeper.root}. Each built client gets its own {@link ZooKeeperTopologySupplier} (one ZooKeeper
     * session); for auth, another timeout or an explicit hash, use {@link #topologySupplier} with
     * {@link ZooKeeperTopologySupplier#builder}. Needs {@code io.dynoj:dynoj-coordinator} on the classpath.
     *
     * @throws DynojClientException when dynoj-coordinator is not on the classpath
     */
    public DynojClientBuilder zookeeper(String address, String cluster) {
        try {
            Class.forName("io.dynoj.coordinator.zookeeper.ClusterReader", false, DynojClientBuilder.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new DynojClientException("a ZooKeeper topology needs io.dynoj:dynoj-coordinator (and its Curator and"
                    + " ZooKeeper jars) on the classpath: the client's dependency on it is optional", e);
        }
        ZooKeeperTopologySupplier.Builder zk = ZooKeeperTopologySupplier.builder(address, cluster);
        this.topologySupplier = zk::build;
        return this;
    }

    /** The registry for the client's metrics; default a registry of its own ({@link DynojClient#metrics()}). */
    public DynojClientBuilder metricRegistry(MetricRegistry registry) {
        this.metricRegistry = registry;
        return this;
    }

    /**
     * Learns the cluster, checks the local rack and starts the topology refresh.
     *
     * @throws DynojClientException when neither the seeds nor the topology supplier describe the cluster, or the
     *                              local rack or datacenter is not in it
     */
    public DynojClient build() {
        String rack = localRack != null ? localRack : env("DYNOJ_LOCAL_RACK", "EC2_AVAILABILITY_ZONE");
        if (rack == null) {
            throw new DynojClientException("the local rack is not set: call localRack(...) or set DYNOJ_LOCAL_RACK");
        }
        String dc = localDc != null ? localDc : env("DYNOJ_LOCAL_DC", "EC2_REGION");
        AdminHttp http = new AdminHttp(adminTimeout);
        TopologySupplier supplier;
        if (topologySupplier != null) {
            supplier = topologySupplier.get();
        } else if (seeds.isEmpty()) {
            throw new DynojClientException("no seeds: call seeds(\"host:admin_port\", ...) with nodes' stats_listen"
                    + " addresses, or zookeeper(\"host:port/root\", \"cluster\")");
        } else {
            supplier = new SeedTopologySupplier(seeds, http);
        }
        TopologyRefresher refresher = new TopologyRefresher(supplier, hostSupplier,
                readNodeStates ? new NodeStates(http, adminTimeout.toMillis()) : null, dc, rack);
        ClusterView first;
        try {
            first = refresher.loadFirst();
        } catch (IOException | IllegalArgumentException e) {
            refresher.close(); // and the supplier: a ZooKeeper session must not outlive a client never made
            throw new DynojClientException(e instanceof IOException ? "cannot learn the Dynoj cluster: " + e.getMessage()
                    : e.getMessage(), e);
        }
        ClientMetrics metrics = new ClientMetrics(metricRegistry != null ? metricRegistry : new MetricRegistry());
        JedisClientConfig config = clientConfig != null ? clientConfig : DefaultJedisClientConfig.builder()
                .protocol(RedisProtocol.RESP2).connectionTimeoutMillis(2000).socketTimeoutMillis(2000).build();
        HostPools pools = new HostPools(config, pool(), consistencySetup());
        HealthTracker health = healthTracker != null ? healthTracker
                : HealthTracker.errorRate(3, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(10));
        DynojCommandExecutor executor = new DynojCommandExecutor(refresher::current, pools, loadBalancer,
                retryPolicy, health, metrics, new CallConsistency(readConsistency, writeConsistency));
        refresher.onChange(view -> {
            pools.retain(view.hosts());
            metrics.topologyChanges.inc();
        });
        DynojClient client = new DynojClient(new DynojClient.Parts(executor, new DynojConnectionProvider(executor, pools),
                pools, refresher, metrics, config));
        refresher.start(refreshInterval);
        log.info("Dynoj client on {}", first);
        return client;
    }

    private String env(String... names) {
        for (String name : names) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private ConnectionPoolConfig pool() {
        if (poolConfig != null) {
            return poolConfig;
        }
        // Jedis's defaults (PING idle connections every 30 s, evict after 60 s idle) with our size and wait.
        ConnectionPoolConfig c = new ConnectionPoolConfig();
        c.setMaxTotal(maxConnectionsPerNode);
        c.setMaxIdle(maxConnectionsPerNode);
        c.setMaxWait(borrowTimeout);
        return c;
    }

    private List<String[]> consistencySetup() {
        List<String[]> setup = new ArrayList<>();
        if (readConsistency != null) {
            setup.add(new String[] {"CONSISTENCY", "READ", readConsistency.name()});
        }
        if (writeConsistency != null) {
            setup.add(new String[] {"CONSISTENCY", "WRITE", writeConsistency.name()});
        }
        return setup;
    }
}
