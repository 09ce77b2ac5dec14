package io.dynoj.benchmarks;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.node.DynojNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Three racks of one node each in this JVM, the setup the load programs measure: datacenter dc1, racks r1 to
 * r3, every node token 0 (each holds every key), DC_ONE, one I/O thread. Store {@code redis} gives each node a
 * redis-server of its own (no persistence), {@code memcached} a memcached (the nodes speak its protocol); any
 * other name is the embedded store type, in a temporary data directory per node. A node can be stopped and started again on the same ports and data. Not thread-safe.
 */
final class LocalRacks implements AutoCloseable {

    private static final String[] RACKS = {"r1", "r2", "r3"};

    private final String store;
    private final UnaryOperator<NodeConfig.Builder> tuning;
    private final int[] peerPorts = new int[3];
    private final DynojNode[] nodes = new DynojNode[3];
    private final List<Process> servers = new ArrayList<>();
    private final int[] serverPorts = new int[3];
    private final Path data;

    /** @param tuning applied to each node's configuration last (consistency, rates...) */
    LocalRacks(String store, UnaryOperator<NodeConfig.Builder> tuning) throws IOException {
        this.store = store;
        this.tuning = tuning;
        this.data = Files.createTempDirectory("local-racks");
        for (int i = 0; i < 3; i++) {
            peerPorts[i] = freePort();
        }
    }

    /** Starts the three nodes (and their redis-servers) and waits until every node is connected to its peers. */
    LocalRacks start() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            if (serverBacked()) {
                int port = freePort();
                serverPorts[i] = port;
                servers.add(new ProcessBuilder(serverCommand(port)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                await(() -> accepts(port), store + " " + i + " accepts connections");
            }
            start(i);
        }
        await(() -> connected(0) && connected(1) && connected(2), "peers connect");
        return this;
    }

    /** Starts node {@code i} (again): same ports, same data. */
    DynojNode start(int i) {
        List<String> seeds = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            if (j != i) {
                seeds.add("127.0.0.1:" + peerPorts[j] + ":" + RACKS[j] + ":dc1:0");
            }
        }
        NodeConfig.Builder b = NodeConfig.builder();
        if (serverBacked()) {
            b.servers(List.of(new ServerAddress(new HostPort("127.0.0.1", serverPorts[i]), 1, null)));
            if (store.equals("memcached")) {
                b.protocol("memcached");
            }
        } else {
            b.datastoreType(store).dataDir(data.resolve("node" + i));
        }
        b.listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .dynListen(new HostPort("127.0.0.1", peerPorts[i])).dynSeeds(seeds)
                .datacenter("dc1").rack(RACKS[i]).tokens(List.of(0L))
                .readConsistency(ConsistencyLevel.DC_ONE).writeConsistency(ConsistencyLevel.DC_ONE).ioThreads(1);
        nodes[i] = new DynojNode(tuning.apply(b).build()).start();
        return nodes[i];
    }

    private boolean serverBacked() {
        return store.equals("redis") || store.equals("memcached");
    }

    private List<String> serverCommand(int port) {
        if (store.equals("redis")) {
            return List.of("redis-server", "--port", Integer.toString(port), "--save", "", "--appendonly", "no");
        }
        List<String> command = new ArrayList<>(List.of("memcached", "-p", Integer.toString(port), "-l", "127.0.0.1",
                "-U", "0", "-m", "1024"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root")); // memcached refuses to run as root without it
        }
        return command;
    }

    /** Stops node {@code i}; its server keeps running. */
    void stop(int i) {
        nodes[i].close();
        nodes[i] = null;
    }

    DynojNode node(int i) {
        return nodes[i];
    }

    /** Whether node {@code i} runs and is connected to every peer. */
    boolean connected(int i) {
        return nodes[i] != null && nodes[i].peersConnected();
    }

    @Override
    public void close() {
        for (DynojNode n : nodes) {
            if (n != null) {
                n.close();
            }
        }
        servers.forEach(Process::destroy);
    }

    /** Polls {@code condition} every 5 ms for up to 10 minutes; what is reported is well above that grain. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
