package io.dynoj.tools;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.plugin.InstalledAdapters;
import io.dynoj.core.plugin.ProviderLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dynoj local-cluster}: a demo cluster on this machine, in this JVM, until Ctrl-C. Prints how
 * to connect. The default datastore is the embedded LevelDB store when installed, else memory.
 */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = {"Starts a demo cluster on this machine (one datacenter, racks x nodes, every node in this JVM),",
                "prints how to connect, and runs until Ctrl-C. Node k (0-based, rack by rack) listens for clients on",
                "base-port+k, for peers on base-port+100+k, admin on base-port+200+k (a datastore server behind it:",
                "base-port+300+k)."})
final class LocalClusterCommand implements Callable<Integer> {

    @ParentCommand
    DynojCommand dynoj;

    @Option(names = "--racks", defaultValue = "3", description = "Racks (default: ${DEFAULT-VALUE}); each holds every key.")
    int racks;

    @Option(names = "--nodes-per-rack", defaultValue = "2", description = "Nodes per rack (default: ${DEFAULT-VALUE}); they split the keys.")
    int nodesPerRack;

    @Option(names = "--datastore", paramLabel = "TYPE",
            description = "An embedded store (leveldb, memory...) or a server type whose adapter can start one "
                    + "per node here (redis, memcached). Default: leveldb if installed, else memory.")
    String datastore;

    @Option(names = "--protocol", defaultValue = "redis", description = "Client protocol: redis or memcached (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--base-port", defaultValue = "8102", description = "First client port (default: ${DEFAULT-VALUE}); 0 picks free ports.")
    int basePort;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address every node binds (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--consistency", defaultValue = "DC_QUORUM",
            description = "Read and write consistency of every node (default: ${DEFAULT-VALUE}: a read sees the last write).")
    String consistency;

    @Option(names = "--topology", defaultValue = "static", paramLabel = "static|zookeeper",
            description = {"How nodes learn the cluster (default: ${DEFAULT-VALUE}): static writes each node's tokens and "
                    + "the other nodes into its file; zookeeper starts an embedded ZooKeeper server on a free port, "
                    + "the nodes register there and it assigns their tokens (needs the coordinator installed)."})
    String topology;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write the configuration files and data (default: a temporary directory, removed at exit).")
    Path dir;

    @Override
    public Integer call() throws InterruptedException {
        dynoj.start();
        PrintWriter out = dynoj.out;
        String type = datastore != null ? datastore : ProviderLoader.datastoreTypes().contains("leveldb") ? "leveldb" : "memory";
        LocalClusterLayout layout;
        try {
            LocalClusterLayout.TopologyKind kind = LocalClusterLayout.TopologyKind.parse(topology);
            if (kind == LocalClusterLayout.TopologyKind.ZOOKEEPER) {
                ProviderLoader.topologySource("zookeeper"); // refused here, before a server is started for nothing
            }
            ProviderLoader.protocol(protocol);
            ProviderLoader.datastore(type);
            boolean serverPerNode = ProviderLoader.launcher(type).isPresent();
            layout = LocalClusterLayout.plan(new LocalClusterLayout.Settings(racks, nodesPerRack, type, serverPerNode,
                    protocol, host, basePort, ConsistencyLevel.parse(consistency), kind));
        } catch (IllegalArgumentException | IllegalStateException e) {
            dynoj.err.println("dynoj local-cluster: " + e.getMessage());
            return 1;
        }
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(layout, dir);
        } catch (IOException | RuntimeException e) {
            dynoj.err.println("dynoj local-cluster: failed to start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "dynoj-local-cluster-shutdown"));
        printHowToConnect(out, cluster);
        stopped.await();
        return 0;
    }

    private void printHowToConnect(PrintWriter out, LocalCluster cluster) {
        LocalClusterLayout.Settings s = cluster.layout().settings();
        out.printf("Dynoj local cluster: %d racks x %d nodes in %s on %s, datastore %s, %s clients, consistency %s%n",
                s.racks(), s.nodesPerRack(), LocalClusterLayout.DC, s.host(), s.datastore(), s.protocol(), s.consistency());
        out.println("adapters: " + InstalledAdapters.find());
        out.println("configuration files in " + cluster.directory());
        if (cluster.zookeeperConnectString() != null) {
            out.printf("topology from ZooKeeper at %s (root %s), tokens assigned there; see it with%n"
                    + "  dynoj ring --zookeeper %s%s --cluster local_cluster%n",
                    cluster.zookeeperConnectString(), LocalClusterLayout.ZOOKEEPER_ROOT,
                    cluster.zookeeperConnectString(), LocalClusterLayout.ZOOKEEPER_ROOT);
        }
        List<DynojNode> nodes = cluster.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            LocalClusterLayout.Member m = cluster.layout().members().get(i);
            // The node's own view: under ZooKeeper its token is known only once it has registered.
            String tokens = nodes.get(i).topology().local().tokens().stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
            tokens = tokens.isEmpty() ? "(pending)" : tokens;
            out.printf("  %-14s token %-10s clients %s:%d  peers %d  admin %d%s%n", m.name(), tokens, s.host(),
                    m.clientPort(), m.peerPort(), m.adminPort(),
                    m.serverPort() == 0 ? "" : "  " + s.datastore() + " " + m.serverPort());
        }
        LocalClusterLayout.Member first = cluster.layout().members().get(0);
        LocalClusterLayout.Member last = cluster.layout().members().get(cluster.layout().members().size() - 1);
        if (s.protocol().equals("redis")) {
            out.println("Every rack holds every key; write through one node, read through any:");
            out.printf("  redis-cli -h %s -p %d set greeting hello%n", s.host(), first.clientPort());
            out.printf("  redis-cli -h %s -p %d get greeting%n", s.host(), last.clientPort());
        } else {
            out.printf("Every rack holds every key; point memcached clients at %s:%d (or any node's clients port)%n",
                    s.host(), first.clientPort());
        }
        out.printf("  dynoj ring --admin %s:%d%n", s.host(), first.adminPort());
        out.println("Ctrl-C stops the cluster.");
        out.flush();
    }
}
