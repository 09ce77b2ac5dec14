package io.dynoj.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Issue 15's warm-up with real processes: 3 racks x 1 node (bin/dynoj, LevelDB), 10,000 keys written through
 * node 0; node 2 SIGKILLed, its data directory deleted, started again: it comes back warming (WRITES_ONLY), and
 * {@code bin/dynoj warmup --follow} shows its progress bar until it is DONE, after which node 2's own store
 * holds every key as the other racks do.
 */
class WarmupProcessIT {

    private static final List<String> KEYS = ReplicaState.keys(7000, 1000, 1000, 1000);
    /** 20 s of copying: the command's own JVM must start while it runs, on a loaded machine too. */
    private static final String YAML = "  write_consistency: DC_QUORUM\n  warmup_rate: 500\n";

    @TempDir
    Path dir;

    @Test
    void aNodeWhoseDataWasDeletedWarmsUpAndTheCommandFollowsItToTheEnd() throws Exception {
        Path home = Dist.unpack(dir);
        try (ProcessCluster cluster = new ProcessCluster(home, dir, 3, 1, ProcessCluster.Store.LEVELDB, YAML)) {
            write(cluster);
            Map<String, Object> expected = ReplicaState.read(cluster.client(0), KEYS);
            assertThat(expected).hasSize(KEYS.size());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ReplicaState.read(cluster.client(2), KEYS).equals(expected));

            cluster.kill(2);
            try (Stream<Path> files = Files.walk(dir.resolve("data-2"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            cluster.restart(2);
            assertThat(cluster.info(2).path("warmup").path("state").asText()).isIn("WARMING", "RESUMING");

            Dist.Result follow = Dist.dynoj(home, "warmup", "--follow", "--admin", cluster.admin(2));
            assertThat(follow.exit()).as("%s%s", follow.stdout(), follow.stderr()).isZero();
            assertThat(follow.stdout()).contains("[##############################] 100.0%", "warm-up DONE in");
            assertThat(cluster.info(2).path("warmup").path("keys_copied").asLong()).isEqualTo(KEYS.size());
            assertThat(ReplicaState.differences(ReplicaState.read(cluster.client(2), KEYS), expected, 10))
                    .as("node 2's own store after its warm-up").isEmpty();
        }
    }

    private static void write(ProcessCluster cluster) {
        try (Jedis j = new Jedis(cluster.client(0), ReplicaState.RESP2)) {
            Pipeline p = j.pipelined();
            int n = 0;
            for (String key : KEYS) {
                switch (key.charAt(0)) {
                    case 'c' -> p.incrBy(key, key.length());
                    case 'l' -> p.rpush(key, "a", key);
                    case 'h' -> p.hset(key, Map.of("f", key, "g", "2"));
                    default -> p.set(key, "value of " + key);
                }
                if (++n % 500 == 0) {
                    p.sync();
                }
            }
            p.sync();
        }
    }
}
