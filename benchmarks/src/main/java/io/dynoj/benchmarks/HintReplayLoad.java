package io.dynoj.benchmarks;

import java.net.InetSocketAddress;
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

    private int keys = 200_000;
    private int rate = 20_000;
    private String store = "leveldb";
    private LocalRacks racks;

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
        // warmup off: rack 3 comes back empty, which would make it copy its ranges instead of taking the hints.
        try (LocalRacks racks = new LocalRacks(load.store, b -> b.hintReplayRate(load.rate).warmupAuto(false))) {
            load.racks = racks.start();
            load.run();
        }
    }

    private void run() throws Exception {
        racks.stop(2);
        LocalRacks.await(() -> !racks.connected(0), "node 1 sees rack 3 gone");

        long t0 = System.nanoTime();
        InetSocketAddress a = racks.node(0).clientAddress();
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
        racks.start(2);
        LocalRacks.await(() -> racks.connected(0), "rack 3 reconnects");
        double connected = (System.nanoTime() - t1) / 1e9;
        LocalRacks.await(() -> pendingBytes() == 0 && !holding(), "hints replayed");
        double seconds = (System.nanoTime() - t1) / 1e9;
        InetSocketAddress c = racks.node(2).clientAddress();
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
        return racks.node(0).hints().values().stream().mapToLong(m -> ((Number) m.get("pending_bytes")).longValue()).sum();
    }

    private boolean holding() {
        return racks.node(0).hints().values().stream().anyMatch(m -> Boolean.TRUE.equals(m.get("holding")));
    }
}
