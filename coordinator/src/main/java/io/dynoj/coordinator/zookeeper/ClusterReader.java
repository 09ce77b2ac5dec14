package io.dynoj.coordinator.zookeeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Reads one cluster's members and token claims from ZooKeeper: for the coordinator itself and for tools
 * ({@code bin/dynoj ring --zookeeper HOST:PORT[/root] --cluster NAME}).
 *
 * <pre>{@code
 * try (ClusterReader reader = ClusterReader.connect("zk1:2181/dynoj", "prod", Duration.ofSeconds(5))) {
 *     ClusterState state = reader.read();
 *     state.nodes(null, null).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Each {@link #read()} is a fresh look, not one atomic snapshot: a node that leaves during the read
 * may be missing or half-seen, and the next read sees it right. Thread-safe.
 */
public final class ClusterReader implements AutoCloseable {

    private final CuratorFramework client;
    private final ClusterPaths paths;
    private final boolean ownsClient;

    ClusterReader(CuratorFramework client, ClusterPaths paths, boolean ownsClient) {
        this.client = client;
        this.paths = paths;
        this.ownsClient = ownsClient;
    }

    /**
     * Connects to {@code address}, {@code host:port[,host:port][/root]} where {@code /root} is where the
     * nodes' clusters live (their {@code zookeeper.root}, behind their chroot if they have one; default
     * {@code /dynoj}), and reads cluster {@code cluster}. Fails when ZooKeeper does not answer within
     * {@code timeout}.
     */
    public static ClusterReader connect(String address, String cluster, Duration timeout) throws InterruptedException {
        return connect(address, cluster, null, timeout);
    }

    /** As {@link #connect(String, String, Duration)}, with digest auth {@code user:password} (or {@code null}). */
    public static ClusterReader connect(String address, String cluster, String auth, Duration timeout)
            throws InterruptedException {
        int slash = address.indexOf('/');
        String servers = slash < 0 ? address : address.substring(0, slash);
        String root = slash < 0 ? ZooKeeperSettings.DEFAULT_ROOT : address.substring(slash);
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        CuratorFramework client = ZooKeeperClients.newClient(servers, null, Math.max(ms, 10_000), ms, auth);
        client.start();
        boolean connected = false;
        try {
            connected = client.blockUntilConnected(ms, TimeUnit.MILLISECONDS);
        } finally {
            if (!connected) {
                client.close(); // also when interrupted: no session left behind
            }
        }
        if (!connected) {
            throw new IllegalStateException("cannot reach ZooKeeper at " + servers + " within " + ms + " ms");
        }
        return new ClusterReader(client, new ClusterPaths(root, cluster), true);
    }

    public ClusterPaths paths() {
        return paths;
    }

    /** The members and claims as ZooKeeper has them now; an empty state when the cluster has no znodes. */
    public ClusterState read() throws Exception {
        ClusterState.Builder state = ClusterState.builder(paths);
        for (String dc : children(paths.tokens())) {
            for (String rack : children(paths.tokens() + "/" + dc)) {
                String rackPath = paths.tokens() + "/" + dc + "/" + rack;
                for (String token : children(rackPath)) {
                    add(state, rackPath + "/" + token);
                }
            }
        }
        // Members after claims: a node writes its claims and its member in one transaction, so every
        // claim read above whose owner is alive has a member by now (read the other way round, a node
        // that joined in between would look departed).
        for (String member : children(paths.members())) {
            add(state, paths.members() + "/" + member);
        }
        return state.build();
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private void add(ClusterState.Builder state, String path) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            state.add(path, stat, data);
        } catch (KeeperException.NoNodeException e) {
            // gone between the listing and the read: a member that just left
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
