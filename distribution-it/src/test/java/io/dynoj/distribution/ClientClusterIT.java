package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.client.DynojClient;
import io.dynoj.client.DynojPipeline;
import io.dynoj.client.OperationResult;
import io.dynoj.client.routing.Placement;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Java client against a 3-rack x 2-node cluster of node processes (bin/dynoj, embedded LevelDB): a scan of
 * 100,000 keys, then a node SIGKILLed under load. The load lasts {@code dynoj.client.loadSeconds} (20 s by
 * default; the 60 s with {@code -Dclient.load.seconds=60} or {@code -Pclient-soak}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientClusterIT {

    @TempDir
    static Path dir;

    static ProcessCluster cluster;
    static DynojClient client;

    @BeforeAll
    static void start() {
        cluster = new ProcessCluster(Dist.unpack(dir), dir, 3, 2);
        // Seeds in rack2 and rack3: the node killed below is in rack1.
        client = DynojClient.builder().seeds(cluster.admin(2), cluster.admin(4)).localRack("rack1")
                .nodeAddresses(cluster.addresses()).refreshInterval(Duration.ofSeconds(5))
                .adminTimeout(Duration.ofSeconds(10))
                .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                        .connectionTimeoutMillis(5000).socketTimeoutMillis(15_000).build())
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void scanOf100000KeysReturnsEachKeyOnce() {
        int total = 100_000;
        // Written in pipelines of 1000, each to the one node serving its keys.
        ClusterView view = client.topology();
        Map<Host, List<String>> byNode = new HashMap<>();
        for (int i = 0; i < total; i++) {
            String key = "scan:" + i;
            byNode.computeIfAbsent(Placement.writePrimary(view, view.token(key.getBytes(StandardCharsets.UTF_8))),
                    h -> new ArrayList<>()).add(key);
        }
        for (List<String> keys : byNode.values()) {
            for (int from = 0; from < keys.size(); from += 1000) {
                try (DynojPipeline p = client.pipelined()) {
                    keys.subList(from, Math.min(keys.size(), from + 1000)).forEach(k -> p.set(k, "x"));
                }
            }
        }
        // DC_ONE: the local rack has every key once replication has reached it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> countScan() == total);
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> step = client.scan(cursor, new ScanParams().match("scan:*").count(1000));
            for (String key : step.getResult()) {
                duplicates += seen.add(key) ? 0 : 1;
            }
            cursor = step.getCursor();
        } while (!"0".equals(cursor));
        assertThat(duplicates).isZero();
        assertThat(seen).hasSize(total);
    }

    private static long countScan() {
        long n = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> step = client.scan(cursor, new ScanParams().match("scan:*").count(5000));
            n += step.getResult().size();
            cursor = step.getCursor();
        } while (!"0".equals(cursor));
        return n;
    }

    @Test
    @Order(2)
    void aNodeKilledUnderLoadCostsUnderOneErrorInAThousandAndIsBackInRotationWithin30s() throws Exception {
        long loadSeconds = Long.getLong("dynoj.client.loadSeconds", 20);
        int victim = 0; // rack1, token 0: the local owner of half the keys the client reads
        HostAndPort victimAddress = cluster.client(victim);
        AtomicLong ops = new AtomicLong();
        AtomicLong onVictim = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(loadSeconds).toNanos();
        // The load runs until the node is back in rotation, and at least loadSeconds in all.
        AtomicLong mustRunUntil = new AtomicLong(Long.MAX_VALUE);
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < mustRunUntil.get()) {
                    String key = "load:" + random.nextInt(10_000);
                    try {
                        OperationResult<?> r = random.nextBoolean() ? client.withResult(c -> c.set(key, "v"))
                                : client.withResult(c -> c.get(key));
                        ops.incrementAndGet();
                        if (victimAddress.equals(r.node())) {
                            onVictim.incrementAndGet();
                        }
                    } catch (JedisException e) {
                        errors.add(e.getMessage());
                    }
                }
            }, "load-" + t);
            thread.start();
            load.add(thread);
        }
        try {
            await().atMost(Duration.ofSeconds(loadSeconds)).until(() -> System.nanoTime() - started > (end - started) / 4);
            cluster.kill(victim);
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() - killedAt > 2_000_000_000L);
            long servedBeforeReturn = onVictim.get();
            cluster.restart(victim);
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> onVictim.get() > servedBeforeReturn);
            Duration inRotation = Duration.ofNanos(System.nanoTime() - back);
            mustRunUntil.set(Math.max(end, System.nanoTime()));
            for (Thread thread : load) {
                thread.join();
            }
            long total = ops.get() + errors.size();
            System.out.printf("ClientClusterIT: %d operations in %d s, %d errors, %d failovers; the node was down %d ms"
                    + " and back in rotation %d ms after it answered again%n", total,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), errors.size(),
                    client.metrics().registry().counter("dynoj.client.failovers").getCount(),
                    (back - killedAt) / 1_000_000, inRotation.toMillis());
            assertThat(total).isGreaterThan(200);
            assertThat((double) errors.size() / total).as("error rate; errors: %s", errors).isLessThan(0.001);
            assertThat(inRotation).isLessThan(Duration.ofSeconds(30));
            assertThat(cluster.counter(victim, "client.requests")).isPositive();
        } finally {
            mustRunUntil.set(0);
            for (Thread thread : load) {
                thread.join();
            }
        }
    }
}
