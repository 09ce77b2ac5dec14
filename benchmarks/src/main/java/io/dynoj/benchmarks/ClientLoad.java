package io.dynoj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynoj.client.DynojClient;
import io.dynoj.client.topology.AdminHttp;
import io.dynoj.client.topology.HostSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * The client benchmark (issue 17, "Speed"): in one run, interleaved round by round, the same load (GET and
 * SET, {@code --reads} percent GET, random keys, one operation at a time per thread) through
 * <ul>
 *   <li>{@code direct}: plain Jedis (its pooled {@code RedisClient}) to a redis-server, no Dynoj;</li>
 *   <li>{@code jedis-node}: plain Jedis to one node of a Dynoj cluster (which forwards to the owners);</li>
 *   <li>{@code dynoj-client}: {@link DynojClient} on the same cluster (straight to the owners).</li>
 * </ul>
 * Prints each run, then per target the median over rounds of ops/s, p50 and p99 and the ratio to direct, and
 * the share of operations that needed a server-side hop (sum over the nodes of {@code router.forwarded}
 * minus {@code router.replicated}, from {@code /metrics/json}, per operation).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dynoj.benchmarks.ClientLoad --direct HOST:PORT
 * --local-cluster BASE_PORT --nodes 6 --rack rack1 [--seconds 10] [--threads 16] [--rounds 2] [--keys 100000]
 * [--value 64] [--reads 50]}; the cluster is {@code bin/dynoj local-cluster --base-port BASE_PORT} (node k: clients on
 * base+k, peers base+100+k, admin base+200+k); {@code jedis-node} uses node 0.
 */
public final class ClientLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostAndPort direct;
    private int base;
    private int nodes = 6;
    private String rack = "rack1";
    private double seconds = 10;
    private int threads = 16;
    private int rounds = 2;
    private int keys = 100_000;
    private int value = 64;
    private int reads = 50;
    private final AdminHttp http = new AdminHttp(Duration.ofSeconds(10));

    public static void main(String[] args) throws Exception {
        ClientLoad load = new ClientLoad();
        load.parse(args);
        load.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--direct" -> direct = HostAndPort.from(v);
                case "--local-cluster" -> base = Integer.parseInt(v);
                case "--nodes" -> nodes = Integer.parseInt(v);
                case "--rack" -> rack = v;
                case "--seconds" -> seconds = Double.parseDouble(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--keys" -> keys = Integer.parseInt(v);
                case "--value" -> value = Integer.parseInt(v);
                case "--reads" -> reads = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (direct == null || base == 0) {
            throw new IllegalArgumentException("--direct HOST:PORT and --local-cluster BASE_PORT are required");
        }
    }

    private void run() throws Exception {
        JedisClientConfig config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                .socketTimeoutMillis(10_000).build();
        Map<String, UnifiedJedis> targets = new LinkedHashMap<>();
        targets.put("direct", plain(direct, config));
        targets.put("jedis-node", plain(new HostAndPort("127.0.0.1", base), config));
        targets.put("dynoj-client", DynojClient.builder().seeds(admin(0).toString()).localRack(rack)
                .nodeAddresses(addresses()).clientConfig(config).adminTimeout(Duration.ofSeconds(10)).build());
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        System.out.printf("ClientLoad: %d threads, %.0f s per run, %d rounds, %d keys, %d-byte values, %d%% GET%n",
                threads, seconds, rounds, keys, value, reads);
        for (UnifiedJedis t : targets.values()) {
            LoadRun.run(t, threads, Math.min(5, seconds), keys, value, reads); // warm-up, not reported
        }
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, UnifiedJedis> e : targets.entrySet()) {
                long hopsBefore = e.getKey().equals("direct") ? 0 : hops();
                LoadRun r = LoadRun.run(e.getValue(), threads, seconds, keys, value, reads);
                double hopShare = e.getKey().equals("direct") ? 0 : (hops() - hopsBefore) / (double) Math.max(1, r.ops());
                System.out.printf("round %d %-13s %9.0f ops/s  p50 %7.0f us  p99 %7.0f us  errors %d  hops %.1f%%%n",
                        round, e.getKey(), r.opsPerSecond(), r.micros(0.5), r.micros(0.99), r.errors(), 100 * hopShare);
                results.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(new double[] {r.opsPerSecond(), r.micros(0.5), r.micros(0.99), hopShare});
            }
        }
        double directOps = median(results.get("direct"), 0);
        System.out.println("median over rounds    ops/s   ratio to direct   p50 us   p99 us   server-side hops");
        results.forEach((name, runs) -> System.out.printf("%-16s %10.0f %12.2f %12.0f %8.0f %12.1f%%%n", name,
                median(runs, 0), median(runs, 0) / directOps, median(runs, 1), median(runs, 2), 100 * median(runs, 3)));
        targets.values().forEach(UnifiedJedis::close);
    }

    /** Plain Jedis 8 (its pooled client), a connection per thread. */
    private UnifiedJedis plain(HostAndPort node, JedisClientConfig config) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(threads);
        pool.setMaxIdle(threads);
        return RedisClient.builder().hostAndPort(node).clientConfig(config).poolConfig(pool).build();
    }

    private HostAndPort admin(int node) {
        return new HostAndPort("127.0.0.1", base + 200 + node);
    }

    /** local-cluster's layout: every node on 127.0.0.1, ports by offset from the base. */
    private Map<String, HostSupplier.NodeAddresses> addresses() {
        Map<String, HostSupplier.NodeAddresses> out = new HashMap<>();
        for (int k = 0; k < nodes; k++) {
            out.put("127.0.0.1:" + (base + 100 + k),
                    new HostSupplier.NodeAddresses(new HostAndPort("127.0.0.1", base + k), admin(k)));
        }
        return out;
    }

    /** Requests the nodes forwarded to the owner for a client, replication left out. */
    private long hops() throws Exception {
        long total = 0;
        for (int k = 0; k < nodes; k++) {
            JsonNode counters = JSON.readTree(http.get(admin(k), "/metrics/json")).path("counters");
            total += counters.path("router.forwarded").asLong() - counters.path("router.replicated").asLong();
        }
        return total;
    }

    private static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
