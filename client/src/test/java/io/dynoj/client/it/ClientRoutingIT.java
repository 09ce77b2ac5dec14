package io.dynoj.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.client.DynojClient;
import io.dynoj.client.DynojClientException;
import io.dynoj.client.DynojPipeline;
import io.dynoj.client.OperationResult;
import io.dynoj.client.routing.LoadBalancer;
import io.dynoj.client.routing.Placement;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.core.config.ConsistencyLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.dynoj.client.topology.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A 3-rack x 2-node cluster and a client in rack1: where its commands go, pipelines, scan, the startup check. */
class ClientRoutingIT {

    static LoopbackCluster cluster;
    static DynojClient client;

    @BeforeAll
    static void start() {
        cluster = new LoopbackCluster(LoopbackCluster.racks(3, 2), ConsistencyLevel.DC_ONE);
        client = cluster.client(2, "rack1").build();
    }

    @AfterAll
    static void stop() throws Exception {
        LoopbackCluster.closeAll(client, cluster);
    }

    @Test
    void atLeast99PercentOfSingleKeyOperationsGoStraightToTheNodeThatServesThem() {
        int keys = 1500;
        long before = cluster.hops();
        for (int i = 0; i < keys; i++) {
            String key = "route:" + i;
            client.set(key, "v" + i);
            client.incr(key + ":n");
            client.hset(key + ":h", "f", "x");
        }
        // Writes went to each key's primary, reads go to its owner in rack1: at DC_ONE the local rack has
        // a write once replication reaches it (docs/CLIENT.md, "Consistency").
        await().atMost(Duration.ofSeconds(10)).until(() -> ("v" + (keys - 1)).equals(client.get("route:" + (keys - 1))));
        for (int i = 0; i < keys; i++) {
            String key = "route:" + i;
            assertThat(client.get(key)).isEqualTo("v" + i);
            assertThat(client.hget(key + ":h", "f")).isEqualTo("x");
        }
        int ops = keys * 5;
        long hops = cluster.hops() - before;
        System.out.printf("ClientRoutingIT: %d server-side hops for %d single-key operations%n", hops, ops);
        assertThat(hops).as("server-side hops for %d single-key operations", ops).isLessThanOrEqualTo(ops / 100);

        // The measure sees hops: plain Jedis on one node sends half of its reads to the rack's other node.
        long plainBefore = cluster.hops();
        try (Jedis plain = new Jedis(cluster.client(0), LoopbackCluster.clientConfig())) {
            for (int i = 0; i < 200; i++) {
                plain.get("route:" + i);
            }
        }
        assertThat(cluster.hops() - plainBefore).isBetween(50L, 150L);
    }

    @Test
    void withWritesThroughTheLocalRackAReadRightAfterAWriteSeesIt() throws Exception {
        try (DynojClient local = cluster.client(2, "rack1").loadBalancer(LoadBalancer.tokenAwareLocalWrites()).build()) {
            for (int i = 0; i < 300; i++) {
                local.set("ryw:" + i, "v" + i);
                assertThat(local.get("ryw:" + i)).isEqualTo("v" + i);
            }
        }
    }

    @Test
    void writesReachEveryRackAndEveryNodeReadsThem() {
        client.set("everywhere", "yes");
        for (int i = 0; i < cluster.size(); i++) {
            int node = i;
            try (Jedis plain = new Jedis(cluster.client(node), LoopbackCluster.clientConfig())) {
                await().atMost(Duration.ofSeconds(5)).until(() -> "yes".equals(plain.get("everywhere")));
            }
        }
        assertThat(client.mget("everywhere", "route:1", "nothing")).containsExactly("yes", null, null).hasSize(3);
    }

    @Test
    void operationResultNamesTheNodeThatServedTheKey() {
        ClusterView view = client.topology();
        byte[] key = "result:key".getBytes(StandardCharsets.UTF_8);
        OperationResult<String> write = client.withResult(c -> c.set("result:key", "1"));
        assertThat(write.value()).isEqualTo("OK");
        assertThat(write.node()).isEqualTo(Placement.writePrimary(view, view.token(key)).client());
        assertThat(write.attempts()).isEqualTo(1);
        OperationResult<String> read = client.withResult(c -> c.get("result:key"));
        assertThat(read.node()).isEqualTo(Placement.readOwner(view, view.token(key)).client());
        assertThat(read.node().getHost()).isIn(LoopbackCluster.host(0), LoopbackCluster.host(1)); // rack1
        assertThat(read.latency()).isPositive();
        assertThat(client.metrics().registry().getTimers()).containsKey("dynoj.client.op.get");
    }

    @Test
    void aPipelineOfOneHashTagGoesToOneNodeAndOneSpanningTwoOwnersIsRefused() {
        try (DynojPipeline p = client.pipelined()) {
            Response<String> set = p.set("{user42}:name", "Ada");
            Response<Long> n = p.incr("{user42}:visits");
            Response<String> get = p.get("{user42}:name");
            p.sync();
            assertThat(set.get()).isEqualTo("OK");
            assertThat(n.get()).isEqualTo(1);
            assertThat(get.get()).isEqualTo("Ada");
        }
        ClusterView view = client.topology();
        String other = otherOwnerThan(view, "{user42}:name");
        DynojPipeline p = client.pipelined();
        p.get("{user42}:name");
        assertThatThrownBy(() -> p.get(other)).isInstanceOf(DynojClientException.class)
                .hasMessageContaining("a pipeline goes to one node, and key '" + other + "'")
                .hasMessageContaining("{user42}:name")
                .hasMessageContaining("hash tag");
        assertThat(p.syncAndReturnAll()).containsExactly("Ada"); // what was accepted still runs
    }

    private static String otherOwnerThan(ClusterView view, String key) {
        long token = view.token(key.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; ; i++) {
            String candidate = "other:" + i;
            if (!Placement.readOwner(view, view.token(candidate.getBytes(StandardCharsets.UTF_8)))
                    .equals(Placement.readOwner(view, token))) {
                return candidate;
            }
        }
    }

    @Test
    void scanWalksTheLocalRacksNodesAndReturnsEachKeyOnce() {
        int total = 5_000; // 100,000 in distribution-it's ClientClusterIT, on node processes
        // Written in pipelines of one node each (the cheapest way in), grouped by the node serving the key.
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
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match("scan:*").count(500);
        int steps = 0;
        do {
            ScanResult<String> step = client.scan(cursor, params);
            for (String key : step.getResult()) {
                if (!seen.add(key)) {
                    duplicates++;
                }
            }
            cursor = step.getCursor();
            steps++;
        } while (!"0".equals(cursor));
        assertThat(duplicates).isZero();
        assertThat(seen).hasSize(total);
        assertThat(steps).isGreaterThan(2); // it did walk the rack's two nodes, in steps
        assertThatThrownBy(() -> client.scan("7:0")).isInstanceOf(DynojClientException.class)
                .hasMessageContaining("not a cursor of this cluster's scan");
    }

    @Test
    void aLocalRackThatIsNotInTheClusterFailsAtStartupNamingTheRacks() {
        assertThatThrownBy(() -> cluster.client(0, "us-east-1c").build())
                .isInstanceOf(DynojClientException.class)
                .hasMessage("local rack 'us-east-1c' is not in the cluster; racks are [rack1, rack2, rack3]");
        assertThatThrownBy(() -> cluster.client(0, null).environment(name -> null).build())
                .hasMessageContaining("the local rack is not set");
        assertThatThrownBy(() -> DynojClient.builder().seeds("127.0.0.1:1").localRack("rack1").build())
                .isInstanceOf(DynojClientException.class)
                .hasMessageStartingWith("cannot learn the Dynoj cluster: no seed answered /cluster_describe: 127.0.0.1:1");
        try (DynojClient fromEnvironment = cluster.client(0, null)
                .environment(name -> name.equals("DYNOJ_LOCAL_RACK") ? "rack3" : null).build()) {
            assertThat(fromEnvironment.topology().topology().localRack().name()).isEqualTo("rack3");
        }
    }

    @Test
    void consistencyPerClientIsSetOnEveryConnection() {
        try (DynojClient quorum = cluster.client(0, "rack2")
                .readConsistency(ConsistencyLevel.DC_QUORUM).writeConsistency(ConsistencyLevel.DC_SAFE_QUORUM).build()) {
            ProtocolCommand dynoj = () -> "DYNOJ".getBytes(StandardCharsets.US_ASCII);
            Object levels = quorum.executeCommand(new CommandArguments(dynoj).add("CONSISTENCY"));
            assertThat(describe(levels)).contains("DC_QUORUM", "DC_SAFE_QUORUM");
            quorum.set("quorum:key", "v");
            assertThat(quorum.get("quorum:key")).isEqualTo("v");
        }
    }

    @Test
    void consistencyPerCallHoldsForTheCallOnlyAndTheConnectionGoesBackToTheClientsLevels() {
        ProtocolCommand dynoj = () -> "DYNOJ".getBytes(StandardCharsets.US_ASCII);
        Object during = client.withConsistency(ConsistencyLevel.DC_QUORUM, ConsistencyLevel.DC_SAFE_QUORUM,
                c -> c.executeCommand(new CommandArguments(dynoj).add("CONSISTENCY")));
        assertThat(describe(during)).isEqualTo("read DC_QUORUM write DC_SAFE_QUORUM ");
        String set = client.withConsistency(null, ConsistencyLevel.DC_QUORUM, c -> c.set("per-call", "q"));
        assertThat(set).isEqualTo("OK");
        // DC_SAFE_QUORUM, not DC_QUORUM: the write was acknowledged by its primary's rack and one more, and a
        // DC_QUORUM read prefers its own rack's reply without comparing (Dynomite's rule), which may not have
        // the write yet; a majority that agrees always includes it.
        String get = client.withConsistency(ConsistencyLevel.DC_SAFE_QUORUM, null, c -> c.get("per-call"));
        assertThat(get).isEqualTo("q");
        // Every pooled connection of the rack is back at the nodes' own levels (DC_ONE).
        for (int i = 0; i < 10; i++) {
            assertThat(describe(client.executeCommand(new CommandArguments(dynoj).add("CONSISTENCY"))))
                    .isEqualTo("read DC_ONE write DC_ONE ");
        }
    }

    private static String describe(Object reply) {
        if (reply instanceof List<?> list) {
            StringBuilder out = new StringBuilder();
            list.forEach(item -> out.append(describe(item)).append(' '));
            return out.toString();
        }
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
