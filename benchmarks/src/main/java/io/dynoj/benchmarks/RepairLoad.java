package io.dynoj.benchmarks;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.node.DynojNode;
import io.dynoj.core.repair.RepairProgress;
import io.dynoj.core.spi.RangeStore;
import io.dynoj.memcached.protocol.PortableItem;
import io.dynoj.redis.engine.StoredValue;
import io.dynoj.redis.engine.ValueType;
import io.dynoj.redis.engine.rdb.RdbCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast anti-entropy repair compares and streams, on three racks of one node each in this JVM (each
 * node's datastore its rack's whole copy). Every replica is filled with the same {@code -n} string keys
 * through its own range store (the fastest way to get identical replicas of a million keys), then node 1
 * repairs three times:
 * <ol>
 *   <li>identical replicas: keys compared per second, nothing streamed;</li>
 *   <li>100 keys altered and 100 deleted on rack 3's replica: exactly 200 fixed;</li>
 *   <li>rack 3's replica emptied (every key deleted): keys streamed per second.</li>
 * </ol>
 * Prints each run's figures ({@link RepairProgress#describe()}) and its duration.
 *
 * <p>Usage: {@code java -Xmx4g -cp benchmarks.jar io.dynoj.benchmarks.RepairLoad [-n 1000000]
 * [-store leveldb|memory|redis|memcached]} (redis, memcached: a server per node, on PATH; memcached with the
 * memcached protocol and its items in {@code PortableItem} form).
 */
public final class RepairLoad {

    private int keys = 1_000_000;
    private String store = "leveldb";
    private final List<DynojNode> nodes = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        RepairLoad load = new RepairLoad();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> load.keys = Integer.parseInt(args[i + 1]);
                case "-store" -> load.store = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try {
            load.startCluster();
            load.run();
        } finally {
            load.nodes.forEach(DynojNode::close);
            load.servers.forEach(Process::destroy);
        }
    }

    private void run() {
        long t0 = System.nanoTime();
        for (DynojNode node : nodes) {
            RangeStore replica = node.datastore().rangeStore();
            for (int from = 0; from < keys; from += 1000) {
                List<RangeStore.Entry> batch = new ArrayList<>();
                for (int i = from; i < Math.min(keys, from + 1000); i++) {
                    batch.add(new RangeStore.Entry(key(i), value("value-" + i + "-0123456789abcdef0123456789"), 0));
                }
                replica.importEntries(batch);
            }
        }
        System.out.printf("filled 3 replicas with %d keys each in %.1f s (%s)%n", keys,
                (System.nanoTime() - t0) / 1e9, store);

        report("identical replicas", repair());

        RangeStore rack3 = nodes.get(2).datastore().rangeStore();
        List<RangeStore.Entry> altered = new ArrayList<>();
        List<byte[]> deleted = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            altered.add(new RangeStore.Entry(key(i * 997 % keys), value("altered"), 0));
            deleted.add(key((i * 997 + 1) % keys));
        }
        rack3.importEntries(altered);
        rack3.delete(deleted);
        report("100 altered + 100 deleted on rack 3", repair());

        for (int from = 0; from < keys; from += 1000) {
            List<byte[]> all = new ArrayList<>();
            for (int i = from; i < Math.min(keys, from + 1000); i++) {
                all.add(key(i));
            }
            rack3.delete(all);
        }
        report("rack 3 emptied", repair());
    }

    private RepairProgress repair() {
        DynojNode node = nodes.get(0);
        node.repair().start(null);
        while (node.repair().progress().state() == RepairProgress.State.RUNNING) {
            try {
                Thread.sleep(200); // polling a run of seconds to minutes; nothing is measured by this loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return node.repair().progress();
    }

    private static void report(String what, RepairProgress p) {
        var d = p.describe();
        double seconds = ((Number) d.get("elapsed_seconds")).doubleValue();
        System.out.printf("RESULT %-40s %6.1f s  compared %d (%.0f keys/s)  fixed %d  streamed %d (%.0f keys/s, %d bytes)"
                        + "  deleted %d  state %s%n", what, seconds, p.keysCompared(), p.keysCompared() / seconds,
                p.keysFixed(), p.keysStreamed(), p.keysStreamed() / seconds, p.bytesStreamed(), d.get("keys_deleted"),
                p.state() + (d.containsKey("error") ? " (" + d.get("error") + ")" : ""));
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] value(String v) {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        return store.equals("memcached") ? PortableItem.encode(0, bytes)
                : RdbCodec.encode(new StoredValue(ValueType.STRING, 0, bytes));
    }

    private void startCluster() throws Exception {
        String[] racks = {"r1", "r2", "r3"};
        int[] peerPorts = new int[3];
        for (int i = 0; i < 3; i++) {
            peerPorts[i] = freePort();
        }
        Path data = Files.createTempDirectory("repair-load");
        for (int i = 0; i < 3; i++) {
            List<String> seeds = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    seeds.add("127.0.0.1:" + peerPorts[j] + ":" + racks[j] + ":dc1:0");
                }
            }
            NodeConfig.Builder b = NodeConfig.builder();
            if (store.equals("redis")) {
                int port = freePort();
                servers.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--save", "",
                        "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start());
                b.servers(List.of(new ServerAddress(new HostPort("127.0.0.1", port), 1, null)));
                Thread.sleep(300); // start-up only: redis-server binds its port
            } else if (store.equals("memcached")) {
                int port = freePort();
                List<String> command = new ArrayList<>(List.of("memcached", "-p", Integer.toString(port), "-l",
                        "127.0.0.1", "-U", "0", "-m", "1024"));
                if ("root".equals(System.getProperty("user.name"))) {
                    command.addAll(List.of("-u", "root")); // memcached refuses root without it
                }
                servers.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                b.servers(List.of(new ServerAddress(new HostPort("127.0.0.1", port), 1, null))).protocol("memcached");
                Thread.sleep(300); // start-up only: memcached binds its port
            } else {
                b.datastoreType(store).dataDir(data.resolve("node" + i));
            }
            nodes.add(new DynojNode(b.listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                    .dynListen(new HostPort("127.0.0.1", peerPorts[i])).dynSeeds(seeds)
                    .datacenter("dc1").rack(racks[i]).tokens(List.of(0L))
                    .readConsistency(ConsistencyLevel.DC_ONE).writeConsistency(ConsistencyLevel.DC_ONE)
                    .ioThreads(1).build()).start());
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!nodes.stream().allMatch(DynojNode::peersConnected)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("peers did not connect");
            }
            Thread.sleep(50); // start-up only, nothing is measured yet
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
