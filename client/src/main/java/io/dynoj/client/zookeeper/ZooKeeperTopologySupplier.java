package io.dynoj.client.zookeeper;

import io.dynoj.client.topology.AdminHttp;
import io.dynoj.client.topology.ClusterDescribeParser;
import io.dynoj.client.topology.DescribedCluster;
import io.dynoj.client.topology.TopologySupplier;
import io.dynoj.coordinator.zookeeper.ClusterReader;
import io.dynoj.coordinator.zookeeper.ClusterState;
import io.dynoj.coordinator.zookeeper.Member;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.topology.ClusterNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.HostAndPort;

/**
 * Learns the cluster from ZooKeeper, where nodes started with {@code dyn_seed_provider: zookeeper} register
 * (docs/ZOOKEEPER.md), instead of from seeds: the ring is made of the token claims, and each owner's client
 * and admin addresses come from its member znode. An owner with no member znode (it left the cluster and
 * keeps its tokens until a replacement takes them), or whose member is still JOINING, has no client address:
 * the client sends its keys to the other racks. ZooKeeper does not hold the hash function and hash tag: they
 * are given to the {@link Builder}, or else read once from one serving member's {@code /cluster_describe}
 * (they cannot change without restarting every node).
 *
 * <p>Needs {@code io.dynoj:dynoj-coordinator} on the classpath (an optional dependency of the client). One
 * Curator client for the supplier's life, connected by the first {@link #describe()} (tried again by each
 * describe until it connects) and closed by {@link #close()}; every describe waits at most the timeout for
 * ZooKeeper. Threading: as {@link TopologySupplier}; {@link #close()} from any thread.
 */
public final class ZooKeeperTopologySupplier implements TopologySupplier {

    private final String address;
    private final String cluster;
    private final String auth;
    private final Duration timeout;
    private final AdminHttp http;
    private final HostAndPort source;
    /** Reads run here so that a describe can stop waiting for one (Curator retries a lost connection). */
    private final ExecutorService reads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dynoj-client-zookeeper");
        t.setDaemon(true);
        return t;
    });
    private volatile KeyPlacement placement;
    private volatile boolean closed;
    /** Guarded by {@code this}. */
    private ClusterReader reader;
    /** Only the describing thread touches these. */
    private List<DescribedCluster.Server> lastServers = List.of();
    private long version;

    /** How keys are hashed: Dynomite's hash name and the hash tag, or {@code null} for none. */
    private record KeyPlacement(String hash, String hashTag) {
    }

    private ZooKeeperTopologySupplier(Builder b) {
        this.address = b.address;
        this.cluster = b.cluster;
        this.auth = b.auth;
        this.timeout = b.timeout;
        this.placement = b.hash == null ? null : new KeyPlacement(b.hash, b.hashTag);
        this.http = new AdminHttp(b.timeout);
        this.source = firstServer(b.address);
    }

    /**
     * @param address {@code host:port[,host:port][/root]}: the ZooKeeper servers and where the clusters live
     *                (the nodes' chroot followed by their {@code zookeeper.root}; default {@code /dynoj})
     * @param cluster the nodes' {@code cluster_name}
     */
    public static Builder builder(String address, String cluster) {
        return new Builder(address, cluster);
    }

    @Override
    public DescribedCluster describe() throws IOException {
        ClusterState state = read();
        if (state.claims().isEmpty()) {
            throw new IOException(where() + " holds no token claims: no node has registered");
        }
        List<DescribedCluster.Server> servers = new ArrayList<>();
        for (ClusterNode n : state.nodes(null, null)) {
            Member m = state.members().get(n.id());
            boolean serving = m != null && m.state() == Member.State.SERVING && m.clientPort() > 0;
            servers.add(new DescribedCluster.Server(n.dc(), n.rack(), n.peerAddress().host(), n.peerAddress().port(),
                    n.tokens(), false, serving ? m.host() : null, serving ? m.clientPort() : 0,
                    serving ? m.adminPort() : 0, serving));
        }
        if (!servers.equals(lastServers)) {
            lastServers = servers;
            version++;
        }
        KeyPlacement keys = placement(state);
        return new DescribedCluster(source, version, keys.hash(), keys.hashTag(), servers);
    }

    private ClusterState read() throws IOException {
        ClusterReader connected = reader();
        Future<ClusterState> answer = reads.submit(connected::read);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException(where() + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(where() + " could not be read: " + cause, cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + where(), e);
        }
    }

    private synchronized ClusterReader reader() throws IOException {
        if (closed) {
            throw new IOException("the ZooKeeper topology supplier is closed");
        }
        if (reader == null) {
            try {
                // blocks at most the timeout; the Curator client then reconnects by itself for the supplier's life
                reader = ClusterReader.connect(address, cluster, auth, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + where(), e);
            } catch (RuntimeException e) {
                throw new IOException(where() + ": " + e.getMessage(), e);
            }
        }
        return reader;
    }

    private KeyPlacement placement(ClusterState state) throws IOException {
        KeyPlacement known = placement;
        if (known != null) {
            return known;
        }
        List<String> failures = new ArrayList<>();
        for (Member m : state.members().values()) {
            if (m.state() != Member.State.SERVING || m.adminPort() <= 0) {
                continue;
            }
            HostAndPort admin = new HostAndPort(m.host(), m.adminPort());
            try {
                DescribedCluster d = ClusterDescribeParser.parse(admin, http.get(admin, "/cluster_describe"));
                placement = new KeyPlacement(d.hash(), d.hashTag());
                return placement;
            } catch (IOException | IllegalArgumentException e) {
                failures.add(admin + ": " + e.getMessage());
            }
        }
        throw new IOException(where() + " lists no serving member whose /cluster_describe answered (ZooKeeper does"
                + " not hold the hash function and hash tag; the supplier's builder can be given them)"
                + (failures.isEmpty() ? "" : ": " + String.join("; ", failures)));
    }

    private String where() {
        return "ZooKeeper at " + address + " (cluster '" + cluster + "')";
    }

    /** The first ZooKeeper server, which names where the description came from. */
    private static HostAndPort firstServer(String address) {
        int slash = address.indexOf('/');
        String first = (slash < 0 ? address : address.substring(0, slash)).split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return colon < 0 ? new HostAndPort(first, 2181) : HostAndPort.from(first);
    }

    /** Closes the ZooKeeper session; a describe after it fails. */
    @Override
    public void close() {
        closed = true;
        reads.shutdownNow();
        synchronized (this) {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }

    /** Settings of a {@link ZooKeeperTopologySupplier}. Not thread-safe. */
    public static final class Builder {

        private final String address;
        private final String cluster;
        private String auth;
        private Duration timeout = Duration.ofSeconds(5);
        private String hash;
        private String hashTag;

        private Builder(String address, String cluster) {
            this.address = Objects.requireNonNull(address, "address");
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            if (address.isBlank() || cluster.isBlank()) {
                throw new IllegalArgumentException("a ZooKeeper address (host:port[/root]) and a cluster name are needed");
            }
        }

        /** Digest auth {@code user:password}, as the nodes' {@code zookeeper.auth}; default none. */
        public Builder auth(String userPassword) {
            this.auth = userPassword;
            return this;
        }

        /** How long connecting, one read of ZooKeeper, or one {@code /cluster_describe} may take; default 5 s. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the ZooKeeper timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The cluster's {@code hash} and {@code hash_tag} (or {@code null}), as in the nodes' configuration, so
         * no node is asked for them.
         *
         * @throws IllegalArgumentException when the hash or the tag is not valid
         */
        public Builder hash(String hashName, String tag) {
            KeyHasher.of(Objects.requireNonNull(hashName, "hash"), tag);
            this.hash = hashName;
            this.hashTag = tag == null || tag.isEmpty() ? null : tag;
            return this;
        }

        /** A supplier; it connects to ZooKeeper on its first {@link #describe()}. */
        public ZooKeeperTopologySupplier build() {
            return new ZooKeeperTopologySupplier(this);
        }
    }
}
