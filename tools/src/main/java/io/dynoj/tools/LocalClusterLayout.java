package io.dynoj.tools;

import io.dynoj.core.config.ConsistencyLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a demo cluster on one machine: one datacenter ({@code dc1}) of {@code racks} racks of
 * {@code nodesPerRack} nodes, tokens spread evenly in each rack, and one configuration file per node.
 * Ports from {@code basePort}: node {@code k} (0-based, rack by rack) has clients on
 * {@code basePort + k}, peers on {@code basePort + 100 + k}, admin on {@code basePort + 200 + k} and,
 * for a datastore server behind it, {@code basePort + 300 + k}; {@code basePort} 0 picks free ports.
 *
 * <p>With the {@link TopologyKind#ZOOKEEPER zookeeper} topology the files name no tokens and no seeds:
 * each node registers with the ZooKeeper server at {@code zookeeperPort} (always a free port, an embedded
 * server {@link LocalZooKeeper} starts), which assigns its token; the members' tokens are then only the
 * even split the coordinator is expected to arrive at, not written anywhere.
 */
record LocalClusterLayout(Settings settings, List<Member> members, int zookeeperPort) {

    static final String DC = "dc1";
    /** The znode under which the demo cluster's nodes register. */
    static final String ZOOKEEPER_ROOT = "/dynoj";
    /** Long enough to ride out a GC pause on a busy laptop, short enough to see a killed node leave. */
    static final int ZOOKEEPER_SESSION_TIMEOUT_MS = 10_000;

    /** Where the nodes learn the cluster: {@code --topology static} (the default) or {@code zookeeper}. */
    enum TopologyKind {
        /** Every file lists the other nodes ({@code dyn_seeds}) and its own tokens. */
        STATIC,
        /** {@code dyn_seed_provider: zookeeper}: members and tokens come from a ZooKeeper server. */
        ZOOKEEPER;

        static TopologyKind parse(String name) {
            for (TopologyKind kind : values()) {
                if (kind.name().equalsIgnoreCase(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown topology '" + name + "'; expected static or zookeeper");
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What the cluster is made of; {@code datastore} is a datastore type ("leveldb", "memory", "redis"),
     * {@code serverPerNode} whether each node fronts a server of that type started here.
     */
    record Settings(int racks, int nodesPerRack, String datastore, boolean serverPerNode, String protocol,
                    String host, int basePort, ConsistencyLevel consistency, TopologyKind topology) {
        Settings {
            if (racks < 1 || nodesPerRack < 1) {
                throw new IllegalArgumentException("a cluster needs at least one rack of one node");
            }
            if (basePort != 0 && (basePort < 1 || basePort + 300 + racks * nodesPerRack > 65535)) {
                throw new IllegalArgumentException("base port " + basePort + " leaves no room for "
                        + racks * nodesPerRack + " nodes (each uses base+k, base+100+k, base+200+k, base+300+k)");
            }
        }
    }

    /** One node: its place, token and ports ({@code serverPort} 0 without a datastore server). */
    record Member(String rack, int index, long token, int clientPort, int peerPort, int adminPort, int serverPort) {
        String name() {
            return rack + "-node" + index;
        }
    }

    static LocalClusterLayout plan(Settings s) {
        int count = s.racks() * s.nodesPerRack();
        int[] ports = s.basePort() == 0 ? freePorts(s.host(), 4 * count) : null;
        int zookeeperPort = s.topology() == TopologyKind.ZOOKEEPER ? freePorts(s.host(), 1)[0] : 0;
        List<Member> members = new ArrayList<>();
        for (int r = 0; r < s.racks(); r++) {
            for (int i = 0; i < s.nodesPerRack(); i++) {
                int k = r * s.nodesPerRack() + i;
                int client = ports != null ? ports[k] : s.basePort() + k;
                int peer = ports != null ? ports[count + k] : s.basePort() + 100 + k;
                int admin = ports != null ? ports[2 * count + k] : s.basePort() + 200 + k;
                int server = !s.serverPerNode() ? 0 : ports != null ? ports[3 * count + k] : s.basePort() + 300 + k;
                members.add(new Member("rack" + (r + 1), i + 1, token(i, s.nodesPerRack()), client, peer, admin, server));
            }
        }
        return new LocalClusterLayout(s, List.copyOf(members), zookeeperPort);
    }

    /** Node {@code i} of {@code n}: {@code i * 2^32 / n}, so each node of a rack owns an equal share. */
    static long token(int i, int n) {
        return (long) i * ((1L << 32) / n);
    }

    /** Writes {@code <name>.yml} for every member into {@code dir}; returns the files, in member order. */
    List<Path> writeConfigs(Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Member m : members) {
                Path file = dir.resolve(m.name() + ".yml");
                Files.writeString(file, yaml(m, dir.resolve("data").resolve(m.name())));
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster's configuration files in " + dir, e);
        }
        return files;
    }

    String yaml(Member m, Path dataDir) {
        Settings s = settings;
        StringBuilder y = new StringBuilder()
                .append("# Written by `dynoj local-cluster`: node ").append(m.index()).append(" of ").append(m.rack())
                .append(", one of ").append(members.size()).append(" nodes in ").append(s.racks()).append(" racks.\n")
                .append("local_cluster:\n")
                .append("  listen: ").append(s.host()).append(':').append(m.clientPort()).append('\n')
                .append("  dyn_listen: ").append(s.host()).append(':').append(m.peerPort()).append('\n')
                .append("  stats_listen: ").append(s.host()).append(':').append(m.adminPort()).append('\n')
                .append("  data_store: ").append(s.protocol()).append('\n');
        if (s.serverPerNode()) {
            y.append("  servers:\n    - ").append(s.host()).append(':').append(m.serverPort()).append(":1\n");
        } else {
            y.append("  datastore: ").append(s.datastore()).append('\n');
        }
        // The embedded store's files, and every node's hints.
        y.append("  data_dir: '").append(dataDir.toString().replace("'", "''")).append("'\n");
        y.append("  datacenter: ").append(DC).append('\n')
                .append("  rack: ").append(m.rack()).append('\n');
        if (s.topology() == TopologyKind.ZOOKEEPER) {
            zookeeperYaml(y);
        } else {
            staticYaml(y, m);
        }
        return y.append("  read_consistency: ").append(s.consistency()).append('\n')
                .append("  write_consistency: ").append(s.consistency()).append('\n')
                .append("  io_threads: 1\n")
                .toString();
    }

    /** Tokens and the other nodes, written out: the cluster as it was planned, fixed. */
    private void staticYaml(StringBuilder y, Member m) {
        y.append("  tokens: '").append(m.token()).append("'\n");
        List<Member> others = members.stream().filter(o -> o != m).toList();
        if (!others.isEmpty()) {
            y.append("  dyn_seeds:\n");
            for (Member o : others) {
                y.append("    - ").append(settings.host()).append(':').append(o.peerPort()).append(':').append(o.rack())
                        .append(':').append(DC).append(':').append(o.token()).append('\n');
            }
        }
    }

    /** No tokens and no seeds: the node registers with ZooKeeper, which assigns its token. */
    private void zookeeperYaml(StringBuilder y) {
        y.append("  # no tokens: and no dyn_seeds: the coordinator assigns the token and tells every node the others\n")
                .append("  dyn_seed_provider: zookeeper\n")
                .append("  zookeeper:\n")
                .append("    connect: ").append(settings.host()).append(':').append(zookeeperPort).append('\n')
                .append("    root: ").append(ZOOKEEPER_ROOT).append('\n')
                .append("    session_timeout: ").append(ZOOKEEPER_SESSION_TIMEOUT_MS).append('\n');
    }

    /** Ports nothing listens on now (each bound, then all released; another process could still take one). */
    private static int[] freePorts(String host, int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(host, 0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on " + host, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do: the port is free either way
                }
            }
        }
    }
}
