package io.dynoj.benchmarks;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * How fast a returning replica gets the writes it missed: three racks of one node each in this JVM, each on its
 * own embedded store, DC_ONE. Rack 3's node is stopped; {@code -n} SETs are pipelined to node 1, which stores
 * them as hints for rack 3; rack 3's node starts again on the same data directory, and the time from its start
 * until node 1 has no hints left gives the replay rate. Then checks that rack 3 holds every key.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dynoj.benchmarks.HintReplayLoad [-n 200000] [-rate 20000]
 * [-store leveldb|memory]} ({@code -rate}: {@code hint_replay_rate}).
 */
public final class HintReplayLoad {

    private static final String[] RACKS = {"r1", "r2", "r3"};

    private int keys = 200_000;
    private int rate = 20_000;
    private String store = "leveldb";
    private final int[] peerPorts = new int[3];
    private final DynojNode[] nodes = new DynojNode[3];
    private Path data;

    public static void main(String[] args) throws Exception {
        HintReplayLoad load = new HintReplayLoad();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> load.keys = Integer.parseInt(args[i + 1]);
                case "-rate" -> load.rate = Integer.parseInt(args[i + 1]);
                case "-store" -> load.store = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try {
            load.run();
        } finally {
            for (DynojNode n : load.nodes) {
                if (n != null) {
                    n.close();
                }
            }
        }
    }

    private void run() throws Exception {
        data = Files.createTempDirectory("hint-replay-load");
        for (int i = 0; i < 3; i++) {
            peerPorts[i] = freePort();
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = start(i);
        }
        await(() -> nodes[0].peersConnected() && nodes[2].peersConnected(), "peers connect");
        nodes[2].close();
        await(() -> !nodes[0].peersConnected(), "node 1 sees rack 3 gone");

        long t0 = System.nanoTime();
        InetSocketAddress a = nodes[0].clientAddress();
        try (Jedis jedis = new Jedis(a.getHostString(), a.getPort(), 60_000)) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < keys; i++) {
                p.set("key:" + i, "value-" + i + "-0123456789abcdef0123456789");
                if (i % 1000 == 999) {
                    p.sync();
                }
            }
            p.sync();
        }
        System.out.printf("wrote %d keys with rack 3 down in %.1f s; %d bytes of hints pending%n", keys,
                (System.nanoTime() - t0) / 1e9, pendingBytes());

        long t1 = System.nanoTime();
        nodes[2] = start(2);
        await(() -> nodes[0].peersConnected(), "rack 3 reconnects");
        double connected = (System.nanoTime() - t1) / 1e9;
        await(() -> pendingBytes() == 0 && !holding(), "hints replayed");
        double seconds = (System.nanoTime() - t1) / 1e9;
        InetSocketAddress c = nodes[2].clientAddress();
        long held;
        try (Jedis jedis = new Jedis(c.getHostString(), c.getPort(), 60_000)) {
            held = jedis.dbSize();
        }
        System.out.printf("RESULT replayed %d hints in %.2f s after rack 3's start (connected after %.2f s): %.0f"
                + " hints/s (hint_replay_rate %d, store %s); rack 3 holds %d keys%n", keys, seconds, connected,
                keys / (seconds - connected), rate, store, held);
        if (held != keys) {
            throw new IllegalStateException("rack 3 holds " + held + " keys, expected " + keys);
        }
    }

    private long pendingBytes() {
        return nodes[0].hints().values().stream().mapToLong(m -> ((Number) m.get("pending_bytes")).longValue()).sum();
    }

    private boolean holding() {
        return nodes[0].hints().values().stream().anyMatch(m -> Boolean.TRUE.equals(m.get("holding")));
    }

    private DynojNode start(int i) {
        List<String> seeds = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            if (j != i) {
                seeds.add("127.0.0.1:" + peerPorts[j] + ":" + RACKS[j] + ":dc1:0");
            }
        }
        return new DynojNode(NodeConfig.builder().datastoreType(store).dataDir(data.resolve("node" + i))
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .dynListen(new HostPort("127.0.0.1", peerPorts[i])).dynSeeds(seeds)
                .datacenter("dc1").rack(RACKS[i]).tokens(List.of(0L))
                .readConsistency(ConsistencyLevel.DC_ONE).writeConsistency(ConsistencyLevel.DC_ONE)
                .hintReplayRate(rate).ioThreads(1).build()).start();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(5); // polling a condition; the 5 ms granularity is below what is reported
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
