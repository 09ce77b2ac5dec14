package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynoj.coordinator.zookeeper.ClusterReader;
import io.dynoj.coordinator.zookeeper.ClusterState;
import io.dynoj.coordinator.zookeeper.TokenClaim;
import io.dynoj.core.hash.KeyHasher;
import io.dynoj.distribution.ZooKeeperNodes.Node;
import io.dynoj.testkit.ZooKeeperServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The coordinator with real processes on both sides: node processes of the tarball ({@code bin/dynoj}, no token
 * in any config) registered in Debian's ZooKeeper run as its own JVM, so that either side can be killed with
 * SIGKILL. Two racks, rack1 of two nodes and rack2 of one: ZooKeeper gives rack1 tokens 0 and 2^31, rack2
 * token 0. Fails under CI when the {@code zookeeper} package is missing (testkit's {@link ZooKeeperServer}).
 */
class ZooKeeperClusterIT {

    /** A WARN or ERROR line of the node's log (conf/logback.xml's file pattern) about ZooKeeper. */
    private static final Pattern ZOOKEEPER_WARNING =
            Pattern.compile("^\\S+ \\S+ (WARN|ERROR) .*(?i:zookeeper|curator).*");

    @TempDir
    static Path dir;
    static Path home;

    private ZooKeeperServer zookeeper;
    private ZooKeeperNodes cluster;
    private Node r1a;
    private Node r1b;
    private Node r2;

    @BeforeAll
    static void unpack() {
        home = Dist.unpack(dir);
    }

    @BeforeEach
    void start(TestInfo test) throws IOException {
        zookeeper = ZooKeeperServer.start();
        Path work = Files.createDirectories(dir.resolve(test.getTestMethod().orElseThrow().getName()));
        cluster = new ZooKeeperNodes(home, work, zookeeper.connectString());
        List<Node> nodes = cluster.start("rack1", "rack1", "rack2");
        r1a = nodes.get(0);
        r1b = nodes.get(1);
        r2 = nodes.get(2);
        // Every node has the whole ring: three owners (not a node that registered before the others).
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Node n : nodes) {
                assertThat(cluster.owner(n, "rack1", 0)).isPresent();
                assertThat(cluster.owner(n, "rack1", 1L << 31)).isPresent();
                assertThat(cluster.owner(n, "rack2", 0)).isPresent();
            }
        });
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void aKilledNodeIsReplacedByANewProcessOnNewPortsAndEveryNodeRoutesToIt() throws Exception {
        Node victim = r1a;
        long token = tokenOf(victim);
        try (ClusterReader reader = reader(); TopologyVersionWatch watch = new TopologyVersionWatch(cluster, List.of(r1b, r2))) {
            Map<Node, Long> before = Map.of(r1b, version(r1b), r2, version(r2));

            long killedAt = System.nanoTime();
            victim.process().kill();
            await().atMost(ZooKeeperNodes.SESSION_TIMEOUT.plusSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !reader.read().isLive(victim.id()));
            long memberGoneMs = msSince(killedAt);
            // Gone, yet still the owner: its keys do not move to its neighbour, which does not have them.
            assertThat(reader.read().claims("dc1", "rack1")).filteredOn(c -> c.token() == token)
                    .extracting(TokenClaim::ownerId).containsExactly(victim.id());

            Node replacement = cluster.launch("rack1");
            long launchedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ownerInZooKeeper(reader, token).equals(replacement.id()));
            long swappedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                    List.of(r1b, r2).stream().allMatch(n -> cluster.owner(n, "rack1", token).orElse("")
                            .equals(replacement.id())));
            long routedMs = msSince(swappedAt);
            replacement.process().awaitReady();
            long failoverMs = msSince(killedAt);
            cluster.awaitAdmin(replacement);

            JsonNode info = cluster.info(replacement);
            assertThat(info.path("node_id").asText()).isNotEqualTo(victim.id());
            assertThat(info.path("tokens")).extracting(JsonNode::asLong).containsExactly(token);
            for (Node n : List.of(r1b, r2)) {
                assertThat(version(n)).as("%s took a new topology", n.id()).isGreaterThan(before.get(n));
                assertThat(cluster.describe(n).toString()).doesNotContain(victim.id());
            }
            writeThroughRack2ReadFromTheReplacement(replacement, token);

            watch.close();
            assertThat(watch.versions()).allSatisfy((n, versions) ->
                    assertThat(versions).as("versions seen on %s", n.id()).hasSizeGreaterThan(1).isSorted()
                            .doesNotHaveDuplicates());
            System.out.printf("ZooKeeperClusterIT kill -9: member gone %d ms after the kill (session timeout %d ms);"
                            + " replacement claimed the token %d ms after its launch (replace_after %d ms); every"
                            + " other node routed to it %d ms after the claim; failover (kill -9 to replacement serving"
                            + " and routed to) %d ms; versions seen %s%n", memberGoneMs,
                    ZooKeeperNodes.SESSION_TIMEOUT.toMillis(), (swappedAt - launchedAt) / 1_000_000,
                    ZooKeeperNodes.REPLACE_AFTER.toMillis(), routedMs, failoverMs, printable(watch.versions()));
        }
    }

    @Test
    void zooKeeperKilledForTwiceTheSessionTimeoutCostsNoRequestAndNodesRegisterAgain() throws Exception {
        List<Node> nodes = List.of(r1a, r1b, r2);
        List<TokenClaim> claims;
        try (ClusterReader reader = reader()) {
            claims = reader.read().claims();
        }
        Map<Node, JsonNode> before = new HashMap<>();
        nodes.forEach(n -> before.put(n, cluster.info(n)));

        long downMs;
        long reregisteredMs;
        Map<Node, Long> servedDuringOutage = new HashMap<>();
        List<String> errors;
        long requests;
        try (SetGetLoad load = new SetGetLoad(nodes)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.total() > 500);
            Map<Node, Long> atCrash = load.requests();
            long crashedAt = System.nanoTime();
            zookeeper.crash();
            await().atMost(ZooKeeperNodes.SESSION_TIMEOUT).until(() -> nodes.stream()
                    .allMatch(n -> cluster.metric(n, "topology.zookeeper.connected") == 0));
            // The outage is the test's input, not a synchronisation: long enough for every session to be lost.
            Thread.sleep(Math.max(0, ZooKeeperNodes.SESSION_TIMEOUT.multipliedBy(2).toMillis() - msSince(crashedAt)));
            load.requests().forEach((n, count) -> servedDuringOutage.put(n, count - atCrash.get(n)));
            zookeeper.restart();
            long restartedAt = System.nanoTime();
            downMs = (restartedAt - crashedAt) / 1_000_000;

            try (ClusterReader reader = reader()) {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    ClusterState now = reader.read();
                    // A member alone could be the old session's, which the server keeps until it expires it.
                    return nodes.stream().allMatch(n -> now.isLive(n.id())
                            && cluster.metric(n, "topology.zookeeper.rejoins") == 1
                            && cluster.metric(n, "topology.zookeeper.connected") == 1);
                });
                reregisteredMs = msSince(restartedAt);
                assertThat(reader.read().claims()).as("no token changed hands, no claim was even rewritten")
                        .isEqualTo(claims);
            }
            long afterReturn = load.total();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.total() > afterReturn + 500);
            errors = load.errors();
            requests = load.total();
        }

        Map<String, List<String>> warnings = new HashMap<>();
        for (Node n : nodes) {
            warnings.put(n.id(), zooKeeperWarnings(n));
        }
        Map<String, Integer> warningCounts = new TreeMap<>();
        warnings.forEach((id, lines) -> warningCounts.put(id, lines.size()));
        System.out.printf("ZooKeeperClusterIT ZooKeeper kill -9: down %d ms (session timeout %d ms); %d requests (%s while"
                        + " it was down), %d errors; every node registered again %d ms after ZooKeeper was back;"
                        + " WARN/ERROR lines about ZooKeeper per node %s%n", downMs,
                ZooKeeperNodes.SESSION_TIMEOUT.toMillis(), requests, printable(servedDuringOutage), errors.size(),
                reregisteredMs, warningCounts);
        assertThat(errors).as("client errors").isEmpty();
        assertThat(servedDuringOutage).as("requests served while ZooKeeper was down").allSatisfy((n, count) ->
                assertThat(count).isPositive());
        assertThat(reregisteredMs).as("every node registered again within 5 s of ZooKeeper's return").isLessThan(5_000);
        for (Node n : nodes) {
            JsonNode now = cluster.info(n);
            assertThat(now.path("topology_version")).as("no topology change on %s", n.id())
                    .isEqualTo(before.get(n).path("topology_version"));
            assertThat(now.path("tokens")).as("tokens of %s", n.id()).isEqualTo(before.get(n).path("tokens"));
        }
        // conf/logback.xml keeps the ZooKeeper client's per-retry stack traces out: what is left is a line per change.
        assertThat(warnings).as("the outage is logged once per change, not once per retry")
                .allSatisfy((id, lines) -> assertThat(lines).as("%s: %s", id, lines).hasSizeBetween(1, 9));
    }

    /**
     * Keys of the replacement's token, written through rack2 (DC_ONE: rack2's copy at once, rack1's through the
     * peer link), are read back through the replacement (its own copy) and through rack1's other node (which
     * forwards them to the replacement, their owner in rack1).
     */
    private void writeThroughRack2ReadFromTheReplacement(Node replacement, long token) {
        JsonNode describe = cluster.describe(r2);
        KeyHasher hasher = KeyHasher.of(describe.path("hash").asText(), describe.path("hash_tag").asText(null));
        List<Long> rack1 = List.of(0L, 1L << 31);
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < 20; i++) {
            String key = "swap-" + i;
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (ownerToken(rack1, hasher.token(bytes, 0, bytes.length)) == token) {
                keys.add(key);
            }
        }
        try (Jedis w = new Jedis("127.0.0.1", r2.client()); Jedis mine = new Jedis("127.0.0.1", replacement.client());
             Jedis other = new Jedis("127.0.0.1", r1b.client())) {
            keys.forEach(k -> assertThat(w.set(k, "v-" + k)).isEqualTo("OK"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (String k : keys) {
                    assertThat(mine.get(k)).as("%s on the replacement", k).isEqualTo("v-" + k);
                    assertThat(other.get(k)).as("%s through rack1's other node", k).isEqualTo("v-" + k);
                }
            });
        }
    }

    /** The token that owns {@code hash} on a ring of {@code tokens} (sorted): the smallest {@code >= hash}, wrapping. */
    private static long ownerToken(List<Long> tokens, long hash) {
        return tokens.stream().filter(t -> t >= hash).findFirst().orElse(tokens.get(0));
    }

    private static String ownerInZooKeeper(ClusterReader reader, long token) throws Exception {
        return reader.read().claims("dc1", "rack1").stream().filter(c -> c.token() == token)
                .map(TokenClaim::ownerId).findFirst().orElse("");
    }

    private long tokenOf(Node n) {
        JsonNode tokens = cluster.info(n).path("tokens");
        assertThat(tokens).hasSize(1);
        return tokens.get(0).asLong();
    }

    private long version(Node n) {
        return cluster.info(n).path("topology_version").asLong();
    }

    private ClusterReader reader() throws InterruptedException {
        return ClusterReader.connect(zookeeper.connectString() + "/dynoj", ZooKeeperNodes.CLUSTER, Duration.ofSeconds(10));
    }

    private static List<String> zooKeeperWarnings(Node n) throws IOException {
        try (var lines = Files.lines(n.logDir().resolve("dynoj.log"))) {
            return lines.filter(l -> ZOOKEEPER_WARNING.matcher(l).matches()).toList();
        }
    }

    /** By node id, in order, for the printed figures. */
    private static <V> Map<String, V> printable(Map<?, V> byNode) {
        Map<String, V> out = new TreeMap<>();
        byNode.forEach((n, v) -> out.put(n instanceof Node node ? node.id() : n.toString(), v));
        return out;
    }

    private static long msSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
