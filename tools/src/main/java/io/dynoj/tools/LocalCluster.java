package io.dynoj.tools;

import io.dynoj.core.config.ConfigLoader;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.plugin.ProviderLoader;
import io.dynoj.core.spi.ServerLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A running demo cluster: the {@link LocalClusterLayout}'s nodes as {@link DynojNode}s in this JVM,
 * each from its own configuration file, plus their datastore servers when the datastore is one, and
 * the ZooKeeper server they register with under the zookeeper topology (its data in
 * {@code <dir>/zookeeper}). {@link #close()} stops them all and removes the directory when it was a
 * temporary one.
 */
final class LocalCluster implements AutoCloseable {

    private final LocalClusterLayout layout;
    private final Path dir;
    private final boolean temporary;
    private final List<DynojNode> nodes = new ArrayList<>();
    private final ServerProcesses servers = new ServerProcesses();
    private LocalZooKeeper zookeeper;

    private LocalCluster(LocalClusterLayout layout, Path dir, boolean temporary) {
        this.layout = layout;
        this.dir = dir;
        this.temporary = temporary;
    }

    /**
     * Writes the configurations into {@code dir} (a new temporary directory when {@code null}) and
     * starts every node; on failure whatever started is stopped again and the exception thrown.
     */
    static LocalCluster start(LocalClusterLayout layout, Path dir) throws IOException, InterruptedException {
        boolean temporary = dir == null;
        Path where = temporary ? Files.createTempDirectory("dynoj-local-cluster-") : dir.toAbsolutePath().normalize();
        LocalCluster cluster = new LocalCluster(layout, where, temporary);
        try {
            cluster.startAll();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        List<Path> files = layout.writeConfigs(dir);
        LocalClusterLayout.Settings s = layout.settings();
        if (s.topology() == LocalClusterLayout.TopologyKind.ZOOKEEPER) {
            zookeeper = LocalZooKeeper.start(s.host(), layout.zookeeperPort(), dir.resolve("zookeeper"));
        }
        if (s.serverPerNode()) {
            ServerLauncher launcher = ProviderLoader.launcher(s.datastore()).orElseThrow(() ->
                    new IllegalStateException("no installed adapter can start a '" + s.datastore() + "' server"));
            for (LocalClusterLayout.Member m : layout.members()) {
                servers.start(launcher, s.host(), m.serverPort());
            }
        }
        for (Path file : files) {
            nodes.add(new DynojNode(ConfigLoader.load(file)));
        }
        startTogether();
    }

    /**
     * Starts every node at once: a node waits a while for its peers at start, so one after the
     * other each would wait for the ones not started yet.
     */
    private void startTogether() throws InterruptedException {
        List<Thread> starters = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (DynojNode node : nodes) {
            Thread t = new Thread(() -> {
                try {
                    node.start();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "dynoj-local-cluster-start");
            starters.add(t);
            t.start();
        }
        for (Thread t : starters) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    LocalClusterLayout layout() {
        return layout;
    }

    /** Where the configuration files (and the embedded stores' data) are. */
    Path directory() {
        return dir;
    }

    List<DynojNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The embedded ZooKeeper server's connect string, or {@code null} under the static topology. */
    String zookeeperConnectString() {
        return zookeeper == null ? null : zookeeper.connectString();
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        servers.close();
        // After the nodes: they leave ZooKeeper on close, rather than wait for their sessions to expire.
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (temporary) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary directory is harmless; say where it is.
            System.err.println("dynoj local-cluster: could not remove " + root + ": " + e.getMessage());
        }
    }
}
