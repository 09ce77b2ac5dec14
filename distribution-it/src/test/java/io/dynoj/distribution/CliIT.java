package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommands of bin/dynoj, run from the unpacked tarball. */
class CliIT {

    @TempDir
    static Path dir;

    static Path home;

    @BeforeAll
    static void unpack() {
        home = Dist.unpack(dir);
    }

    @Test
    void checkConfigExitCodes() throws IOException {
        Path valid = Files.writeString(dir.resolve("valid.yml"), """
                dyn_o_mite:
                  listen: 127.0.0.1:8102
                  datastore: memory
                """);
        Dist.Result ok = Dist.dynoj(home, "check-config", valid.toString());
        assertThat(ok.exit()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("syntax is valid", "listen       127.0.0.1:8102 (redis clients)")
                // relative data_dir (here the default) is under DYNOJ_HOME
                .contains("datastore    memory (embedded), data in " + home.resolve("data/node-8102"));
        assertThat(Dist.dynoj(home, "-t", "-c", valid.toString()).exit()).isZero();

        Path invalid = Files.writeString(dir.resolve("invalid.yml"), "dyn_o_mite:\n  listen: 127.0.0.1:8102\n  bogus: 1\n");
        Dist.Result bad = Dist.dynoj(home, "check-config", invalid.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).contains("is invalid", "'bogus'");
        assertThat(Dist.dynoj(home, "check-config").exit()).isEqualTo(2);
    }

    @Test
    void theShippedExamplesAreValidWhereTheirAdaptersAreInstalled() {
        for (String conf : List.of("redis.yml", "redis_single.yml", "memcached.yml", "mc_single.yml")) {
            Dist.Result r = Dist.dynoj(home, "check-config", home.resolve("conf").resolve(conf).toString());
            assertThat(r.exit()).as(conf + ": " + r.stderr()).isZero();
        }
        boolean leveldb = Files.isDirectory(home.resolve("plugins/leveldb"));
        for (String conf : List.of("dynoj.yml", "two-datacenters.yml", "local-cluster/rack1.yml", "local-cluster/rack2.yml",
                "local-cluster/rack3.yml")) {
            Dist.Result r = Dist.dynoj(home, "check-config", home.resolve("conf").resolve(conf).toString());
            if (leveldb) {
                assertThat(r.exit()).as(conf + ": " + r.stderr()).isZero();
            } else {
                assertThat(r.stderr()).as(conf).contains("no datastore adapter named 'leveldb' is installed; found: [");
            }
        }
    }

    @Test
    void hashPrintsDynomiteTokensAndOwners() {
        // Tokens: HashAlgorithmTest's murmur vectors (from Dynomite's C code): foo 0xc4e0338f, a 0x4b41757c.
        Dist.Result r = Dist.dynoj(home, "hash", "--tokens", "1000000000,2000000000,4000000000", "foo", "a");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("""
                key 'foo' token 3303027599 (murmur)
                  ring  node3  token 4000000000
                key 'a' token 1262581116 (murmur)
                  ring  node2  token 2000000000
                """);
        // The shipped 3-rack example: one owner per rack.
        Dist.Result racks = Dist.dynoj(home, "hash", "-c", home.resolve("conf/local-cluster/rack1.yml").toString(), "foo");
        assertThat(racks.stdout()).isEqualTo("""
                key 'foo' token 3303027599 (murmur)
                  dc1/rack1  127.0.0.1:8101  token 0
                  dc1/rack2  127.0.0.1:8111  token 0
                  dc1/rack3  127.0.0.1:8121  token 0
                """);
        assertThat(Dist.dynoj(home, "hash", "--hash", "crc32a", "123456789").stdout())
                .isEqualTo("key '123456789' token 3421780262 (crc32a)\n");
    }

    private static final Pattern MEMBER = Pattern.compile(
            "(rack\\d-node\\d)\\s+token (\\d+)\\s+clients 127\\.0\\.0\\.1:(\\d+)\\s+peers (\\d+)\\s+admin (\\d+)");

    private record Member(String name, int client, int peer, int admin) {
    }

    @Test
    void localClusterServesEveryKeyThroughEveryNodeUntilStopped() throws Exception {
        Path out = dir.resolve("local-cluster.out");
        Path clusterDir = dir.resolve("cluster");
        Process cluster = new ProcessBuilder(home.resolve("bin/dynoj").toString(), "local-cluster", "--base-port", "0",
                "--dir", clusterDir.toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("local-cluster.err").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !cluster.isAlive() || Files.readString(out).contains("Ctrl-C stops the cluster."));
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(cluster.isAlive()).as(printed + Files.readString(dir.resolve("local-cluster.err"))).isTrue();
            String expected = Files.isDirectory(home.resolve("plugins/leveldb")) ? "leveldb" : "memory";
            assertThat(printed).contains("3 racks x 2 nodes in dc1", "datastore " + expected, "redis-cli -h 127.0.0.1 -p ");
            List<Member> members = members(printed);
            assertThat(members).hasSize(6);
            try (Stream<Path> files = Files.list(clusterDir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".yml"))).hasSize(6);
            }

            for (int i = 0; i < 20; i++) {
                Member writer = members.get(i % members.size());
                assertThat(Dist.redisCli(writer.client(), "SET", "key" + i, "value" + i).stdout()).isEqualTo("OK\n");
            }
            for (Member reader : members) {
                for (int i = 0; i < 20; i++) {
                    assertThat(Dist.redisCli(reader.client(), "GET", "key" + i).stdout())
                            .as("key%d through %s", i, reader.name()).isEqualTo("value" + i + "\n");
                }
            }

            Dist.Result status = Dist.dynoj(home, "status", "--admin", "127.0.0.1:" + members.get(0).admin());
            assertThat(status.exit()).as(status.stderr()).isZero();
            assertThat(status.stdout()).contains("pong", "state: NORMAL", "DC_QUORUM");
            Dist.Result ring = Dist.dynoj(home, "ring", "--admin", "127.0.0.1:" + members.get(3).admin());
            assertThat(ring.exit()).as(ring.stderr()).isZero();
            for (Member m : members) {
                // Each server with the state the asked node sees it in (it sees itself UP).
                assertThat(ring.stdout()).containsPattern("127\\.0\\.0\\.1:" + m.peer() + " +UP +token ");
            }
            assertThat(ring.stdout()).contains("(50.0%)", "<- this node");
        } finally {
            cluster.destroy(); // SIGTERM, as Ctrl-C
            assertThat(cluster.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Member m : members(Files.readString(out))) {
            assertThat(accepts(m.client())).as("%s still listening", m.name()).isFalse();
        }
    }

    @Test
    void localClusterOnZooKeeperGetsTheSameTokensInEveryRackAndServesEveryKey() throws Exception {
        Dist.Result example = Dist.dynoj(home, "check-config", home.resolve("conf/zookeeper.yml").toString());
        assertThat(example.exit()).as("the coordinator ships in lib/: " + example.stderr()).isZero();
        Path out = dir.resolve("local-cluster-zk.out");
        Process cluster = new ProcessBuilder(home.resolve("bin/dynoj").toString(), "local-cluster", "--topology",
                "zookeeper", "--datastore", "memory", "--base-port", "0", "--dir", dir.resolve("zk-cluster").toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("local-cluster-zk.err").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !cluster.isAlive() || Files.readString(out).contains("Ctrl-C stops the cluster."));
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(cluster.isAlive()).as(printed + Files.readString(dir.resolve("local-cluster-zk.err"))).isTrue();
            assertThat(printed).contains("topology from ZooKeeper at 127.0.0.1:");
            assertThat(Files.readString(dir.resolve("zk-cluster/rack1-node1.yml")))
                    .contains("dyn_seed_provider: zookeeper").doesNotContainPattern("(?m)^\\s+tokens:");
            // No file names a token: ZooKeeper gave each rack the same two (Dynomite's rule).
            Map<String, Set<Long>> tokensByRack = new TreeMap<>();
            Matcher m = MEMBER.matcher(printed);
            while (m.find()) {
                tokensByRack.computeIfAbsent(m.group(1).split("-")[0], r -> new HashSet<>()).add(Long.parseLong(m.group(2)));
            }
            assertThat(tokensByRack).as(printed).hasSize(3).allSatisfy((rack, tokens) ->
                    assertThat(tokens).containsExactlyInAnyOrder(0L, 2147483648L));

            List<Member> members = members(printed);
            for (int i = 0; i < members.size(); i++) {
                assertThat(Dist.redisCli(members.get(i).client(), "SET", "zk" + i, "v" + i).stdout()).isEqualTo("OK\n");
            }
            for (Member reader : members) {
                for (int i = 0; i < members.size(); i++) {
                    assertThat(Dist.redisCli(reader.client(), "GET", "zk" + i).stdout())
                            .as("zk%d through %s", i, reader.name()).isEqualTo("v" + i + "\n");
                }
            }
            Dist.Result ring = Dist.dynoj(home, "ring", "--admin", "127.0.0.1:" + members.get(0).admin());
            assertThat(ring.stdout()).as(ring.stderr()).contains("from zookeeper 127.0.0.1:");
            // The same cluster as ZooKeeper holds it, no node asked: 6 claims, every owner serving.
            Matcher zk = Pattern.compile("dynoj ring --zookeeper (\\S+) --cluster (\\S+)").matcher(printed);
            assertThat(zk.find()).as(printed).isTrue();
            Dist.Result held = Dist.dynoj(home, "ring", "--zookeeper", zk.group(1), "--cluster", zk.group(2));
            assertThat(held.exit()).as(held.stderr()).isZero();
            assertThat(held.stdout()).contains("6 live members, 6 token claims", "rack1", "rack3")
                    .doesNotContain("DEPARTED");
            assertThat(held.stdout().lines().filter(l -> l.contains(" SERVING ")).count()).isEqualTo(6);
            Dist.Result wrong = Dist.dynoj(home, "ring", "--zookeeper", zk.group(1), "--cluster", "nobody");
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.stderr()).contains("cluster 'nobody' has no members");
        } finally {
            cluster.destroy();
            assertThat(cluster.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Member m : members(Files.readString(out))) {
            assertThat(accepts(m.client())).as("%s still listening", m.name()).isFalse();
        }
    }

    @Test
    void localClusterStartsEachNodesServerAsTheAdapterSays() throws Exception {
        Path out = dir.resolve("local-cluster-redis.out");
        Process cluster = new ProcessBuilder(home.resolve("bin/dynoj").toString(), "local-cluster", "--datastore", "redis",
                "--racks", "1", "--nodes-per-rack", "2", "--base-port", "0")
                .redirectOutput(out.toFile()).redirectError(dir.resolve("local-cluster-redis.err").toFile()).start();
        List<Integer> servers = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !cluster.isAlive() || Files.readString(out).contains("Ctrl-C stops the cluster."));
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(cluster.isAlive()).as(printed + Files.readString(dir.resolve("local-cluster-redis.err"))).isTrue();
            Matcher server = Pattern.compile("admin \\d+\\s+redis (\\d+)").matcher(printed);
            while (server.find()) {
                servers.add(Integer.parseInt(server.group(1)));
            }
            assertThat(servers).as(printed).hasSize(2);
            List<Member> members = members(printed);
            assertThat(Dist.redisCli(members.get(0).client(), "SET", "launched", "yes").stdout()).isEqualTo("OK\n");
            // The key lives in the redis-server behind the node that owns it: one of the two started here.
            assertThat(servers.stream().map(port -> Dist.redisCli(port, "GET", "launched").stdout()))
                    .containsExactlyInAnyOrder("yes\n", "\n");
        } finally {
            cluster.destroy();
            assertThat(cluster.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        for (int port : servers) {
            assertThat(accepts(port)).as("redis-server on %d stopped with the cluster", port).isFalse();
        }
    }

    private static List<Member> members(String printed) {
        List<Member> members = new ArrayList<>();
        Matcher m = MEMBER.matcher(printed);
        while (m.find()) {
            members.add(new Member(m.group(1), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5))));
        }
        return members;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
