package io.dynoj.benchmarks;

import io.dynoj.core.node.DynojNode;
import io.dynoj.core.repair.RepairProgress;
import io.dynoj.core.spi.RangeStore;
import io.dynoj.memcached.protocol.PortableItem;
import io.dynoj.redis.engine.StoredValue;
import io.dynoj.redis.engine.ValueType;
import io.dynoj.redis.engine.rdb.RdbCodec;
import java.nio.charset.StandardCharsets;
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
 * [-store leveldb|memory|redis|memcached]} (redis, memcached: a server per node, on PATH; memcached with its items
 * in {@code PortableItem} form).
 */
public final class RepairLoad {

    private int keys = 1_000_000;
    private String store = "leveldb";
    private LocalRacks racks;

    public static void main(String[] args) throws Exception {
        RepairLoad load = new RepairLoad();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> load.keys = Integer.parseInt(args[i + 1]);
                case "-store" -> load.store = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (LocalRacks racks = new LocalRacks(load.store, b -> b)) {
            load.racks = racks.start();
            load.run();
        }
    }

    private void run() {
        long t0 = System.nanoTime();
        for (int n = 0; n < 3; n++) {
            RangeStore replica = racks.node(n).datastore().rangeStore();
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

        RangeStore rack3 = racks.node(2).datastore().rangeStore();
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
        DynojNode node = racks.node(0);
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
}
