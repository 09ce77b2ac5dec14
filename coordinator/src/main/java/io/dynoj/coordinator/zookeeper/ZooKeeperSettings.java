package io.dynoj.coordinator.zookeeper;

import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import java.util.List;

/**
 * The {@code zookeeper:} section of a node's configuration, checked.
 *
 * <pre>
 * dyn_seed_provider: zookeeper
 * zookeeper:
 *   connect: zk1:2181,zk2:2181,zk3:2181/apps   # required; an optional chroot after the last host
 *   session_timeout: 10000                      # ms; a node that is gone this long leaves the members
 *   connection_timeout: 5000                    # ms, at most session_timeout; how long start waits to reach ZooKeeper
 *   root: /dynoj                                # where clusters live (under the chroot)
 *   auth: user:password                         # optional: digest auth; znodes then get the creator's ACL
 *   replace_after: 30000                        # ms a departed node's tokens are kept for it
 * </pre>
 *
 * @param servers the connect string without its chroot, {@code host:port[,host:port]}
 * @param chroot the chroot without its leading slash ({@code apps/x}), or {@code null}
 * @param root the absolute path under which clusters live, {@code /dynoj} by default
 * @param cluster the cluster's name ({@code cluster_name}, by default the pool name)
 * @param auth {@code user:password} for digest auth, or {@code null}
 * @param replaceAfterMs how long a node must be gone before a new node may take its tokens
 */
public record ZooKeeperSettings(String servers, String chroot, int sessionTimeoutMs, int connectionTimeoutMs,
                                String root, String cluster, String auth, long replaceAfterMs) {

    /** The section's key, and the {@code dyn_seed_provider} value. */
    public static final String SECTION = "zookeeper";
    public static final String DEFAULT_ROOT = "/dynoj";
    /** A node waits out replace_after once at start, and start has 120 s in all. */
    static final long MAX_REPLACE_AFTER_MS = 90_000;

    private static final List<String> KEYS =
            List.of("connect", "session_timeout", "connection_timeout", "root", "auth", "replace_after");

    /** Reads and checks the node's section; throws {@link IllegalArgumentException} naming the key. */
    public static ZooKeeperSettings from(NodeConfig config) {
        ConfigSection s = config.section(SECTION);
        s.requireKnownKeys(KEYS);
        String connect = s.text("connect");
        if (connect == null || connect.isBlank()) {
            throw s.invalid("connect", "is required with dyn_seed_provider: zookeeper (host:port[,host:port][/chroot])");
        }
        HostPort peer = config.dynListen();
        if (peer == null) {
            throw new IllegalArgumentException("dyn_seed_provider: zookeeper needs dyn_listen: the peer address"
                    + " this node advertises to the others");
        }
        if (isWildcard(peer.host())) {
            throw new IllegalArgumentException("dyn_seed_provider: zookeeper needs dyn_listen to name an address the"
                    + " other nodes can reach, not " + peer.host());
        }
        String[] split = splitConnect(connect.trim(), s);
        String root = path(s.text("root", DEFAULT_ROOT), "root", s);
        String auth = s.text("auth");
        if (auth != null && (auth.indexOf(':') <= 0 || auth.endsWith(":"))) {
            throw s.invalid("auth", "must be user:password (digest auth)");
        }
        if (config.clusterName() == null || config.clusterName().isBlank()) {
            throw new IllegalArgumentException("dyn_seed_provider: zookeeper needs cluster_name (or a pool name)");
        }
        int session = s.integer("session_timeout", 10_000, 100, 3_600_000);
        int connection = s.integer("connection_timeout", Math.min(5_000, session), 100, 60_000);
        if (connection > session) {
            throw s.invalid("connection_timeout", "must not exceed session_timeout (" + connection + " > " + session
                    + " ms): a session ends before such a connection attempt would give up");
        }
        return new ZooKeeperSettings(split[0], split[1], session, connection,
                root, config.clusterName(), auth,
                s.number("replace_after", 30_000, 0, MAX_REPLACE_AFTER_MS));
    }

    /** {@code host:port[,...]/chroot}, as configured, for logs. */
    public String connect() {
        return chroot == null ? servers : servers + "/" + chroot;
    }

    /** How logs and the admin API name this source. */
    public String describe() {
        return "zookeeper " + connect() + " " + root + "/" + cluster;
    }

    /** Splits {@code hosts[/chroot]} into the hosts and the chroot without its slash (or null), checked. */
    static String[] splitConnect(String connect, ConfigSection s) {
        int slash = connect.indexOf('/');
        String hosts = slash < 0 ? connect : connect.substring(0, slash);
        String chroot = slash < 0 ? null : path(connect.substring(slash), "connect", s).substring(1);
        for (String host : hosts.split(",", -1)) {
            int colon = host.lastIndexOf(':');
            if (colon <= 0) {
                throw s.invalid("connect", "must be host:port[,host:port][/chroot] (got '" + connect + "')");
            }
            int port;
            try {
                port = Integer.parseInt(host.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw s.invalid("connect", "has a bad port in '" + host + "'");
            }
        }
        return new String[] {hosts, chroot == null || chroot.isEmpty() ? null : chroot};
    }

    private static String path(String path, String key, ConfigSection s) {
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("//")) {
            throw s.invalid(key, "needs an absolute path such as /dynoj, without a trailing slash (got '" + path + "')");
        }
        return path;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("*");
    }
}
