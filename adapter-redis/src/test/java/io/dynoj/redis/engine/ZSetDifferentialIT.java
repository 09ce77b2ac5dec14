package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.RawRespClient;
import io.dynoj.testkit.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sorted-set commands of the embedded engine against a real redis-server: seeded random
 * {@link ZSetGen} commands (with some string and key commands between them) go to a node on the
 * memory store and to redis-server; every reply must be the same bytes (after
 * {@link ReplyNormalizer}: ZRANDMEMBER's shape only). A failure names the seed, the command and
 * the commands before it.
 */
class ZSetDifferentialIT {

    private static final int COMMANDS_PER_SEED = 4000;
    /** Other families now and then: wrong-type keys (strings), expiry, rename and copy of sorted sets (keys). */
    private static final List<String> OTHERS = List.of("strings", "keys");

    private static RedisServer redis;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    static Stream<Arguments> runs() {
        return Stream.of("memory", "leveldb").flatMap(store -> Stream.of(11L, 12L, 13L).map(seed -> Arguments.of(store, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void sameRepliesAsRedis(String store, long seed) {
        NodeConfig config = NodeConfig.builder()
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .datastoreType(store).dataDir(dataDir.resolve(store + "-" + seed)).ioThreads(1).build();
        try (DynojNode node = new DynojNode(config).start();
             RawRespClient dynoj = new RawRespClient("127.0.0.1", node.clientAddress().getPort());
             RawRespClient real = new RawRespClient("127.0.0.1", redis.port())) {
            real.call("FLUSHALL");
            RandomCommands commands = new RandomCommands(seed);
            int nonEmptyArrays = DifferentialRun.compare(real, dynoj, seed, COMMANDS_PER_SEED,
                    () -> commands.chance(85) ? ZSetGen.next(commands) : commands.next(OTHERS));
            // The sequence must reach real data, not only errors and empty sets.
            assertThat(nonEmptyArrays).as("non-empty array replies").isGreaterThan(COMMANDS_PER_SEED / 10);
        }
    }
}
