package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.FreePorts;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball unpacked in a temporary directory: its layout, and a node started with bin/dynoj serving redis-cli. */
class TarballIT {

    @TempDir
    static Path dir;

    static Path home;

    @BeforeAll
    static void unpack() {
        home = Dist.unpack(dir);
    }

    @Test
    void layoutKeepsFrameworkInLibAndEachAdapterInItsPluginDirectory() throws IOException {
        assertThat(home.resolve("bin/dynoj")).isExecutable();
        assertThat(names(home.resolve("lib"))).anyMatch(n -> n.startsWith("dynoj-framework-core-"))
                .anyMatch(n -> n.startsWith("dynoj-tools-"))
                .anyMatch(n -> n.startsWith("picocli-"))
                .anyMatch(n -> n.startsWith("logback-classic-"))
                .noneMatch(n -> n.startsWith("dynoj-adapter-"));
        assertThat(names(home.resolve("plugins"))).contains("redis", "memcached");
        assertThat(names(home.resolve("plugins/redis"))).contains("dynoj-adapter-redis-" + Dist.version() + ".jar");
        assertThat(home.resolve("conf")).isDirectoryContaining(p -> p.getFileName().toString().equals("dynoj.yml"));
        for (String conf : new String[] {"logback.xml", "logback-tools.xml", "redis.yml", "memcached.yml", "mysql.yml",
                "two-datacenters.yml", "local-cluster/rack1.yml", "local-cluster/rack2.yml", "local-cluster/rack3.yml",
                "zookeeper.yml", "systemd/dynoj.service"}) {
            assertThat(home.resolve("conf").resolve(conf)).isRegularFile();
        }
    }

    @Test
    void theCoordinatorShipsInLibWithCuratorAndZooKeeper() throws IOException {
        assertThat(names(home.resolve("lib"))).contains("dynoj-coordinator-" + Dist.version() + ".jar")
                .anyMatch(n -> n.startsWith("curator-framework-"))
                .anyMatch(n -> n.startsWith("curator-recipes-"))
                .anyMatch(n -> n.startsWith("zookeeper-3."))
                .anyMatch(n -> n.startsWith("zookeeper-jute-"))
                // local-cluster's embedded ZooKeeper server cannot load its data without it
                .anyMatch(n -> n.startsWith("snappy-java-"))
                .noneMatch(n -> n.startsWith("netty-tcnative"))
                // ZooKeeper's own Netty 4.1 must not come along: one Netty, the BOM's.
                .noneMatch(n -> n.startsWith("netty-") && n.contains("-4.1."));
        assertThat(names(home.resolve("plugins"))).doesNotContain("coordinator");
    }

    @Test
    void aNodeOnTheMemoryStoreServesRedisCliAndLogsItsAdapters() throws IOException {
        int port = FreePorts.next();
        Path config = write("memory.yml", """
                dyn_o_mite:
                  listen: 127.0.0.1:%d
                  stats_listen: 127.0.0.1:%d
                  datastore: memory
                """.formatted(port, FreePorts.next()));
        try (DynojProcess node = DynojProcess.start(home, config, port)) {
            assertThat(node.isRunning()).isTrue();
            assertThat(Dist.redisCli(port, "PING").stdout()).isEqualTo("PONG\n");
            assertThat(Dist.redisCli(port, "SET", "greeting", "hello").stdout()).isEqualTo("OK\n");
            assertThat(Dist.redisCli(port, "GET", "greeting").stdout()).isEqualTo("hello\n");
            assertThat(Dist.redisCli(port, "GET", "nothing").stdout()).isEqualTo("\n");
        }
        // logs/ of DYNOJ_HOME (bin/dynoj's default), with the adapters found at start.
        String log = Files.readString(home.resolve("logs/dynoj.log"), StandardCharsets.UTF_8);
        // The default tarball carries every adapter: the node names each one it found.
        assertThat(log).contains("Plugins [leveldb, memcached, mysql, redis] from " + home.resolve("plugins"))
                .contains("protocols [memcached, redis]", "datastore types [leveldb, memcached, memory, mysql, redis]",
                        "command engines [memcached, redis]")
                .contains("stopped");
        assertThat(home.resolve("logs/gc.log")).isRegularFile();
    }

    @Test
    void aNodeInFrontOfARedisServerForwardsToIt() throws IOException {
        int port = FreePorts.next();
        try (RedisServer redis = RedisServer.start(); RespClient direct = redis.client()) {
            Path config = write("redis.yml", """
                    dyn_o_mite:
                      listen: 127.0.0.1:%d
                      stats_listen: 127.0.0.1:%d
                      data_store: 0
                      servers:
                      - 127.0.0.1:%d:1
                    """.formatted(port, FreePorts.next(), redis.port()));
            try (DynojProcess node = DynojProcess.start(home, config, port)) {
                assertThat(node.isRunning()).isTrue();
                assertThat(Dist.redisCli(port, "SET", "through", "dynoj").stdout()).isEqualTo("OK\n");
                assertThat(Dist.redisCli(port, "GET", "through").stdout()).isEqualTo("dynoj\n");
                assertThat(new String(direct.get("through"), StandardCharsets.UTF_8)).isEqualTo("dynoj");
            }
        }
    }

    private static Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static java.util.List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
