package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;


import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawRespClient;
import io.dynoj.testkit.RedisServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded engine against a real redis-server: the same seeded random command sequences go to
 * both, every reply must be the same bytes (after {@link ReplyNormalizer}). A failure names the
 * seed, the command and the commands before it.
 */
class EngineDifferentialIT {

    private static final int COMMANDS_PER_SEED = 3000;
    private static final int ZSET_COMMANDS_PER_SEED = 4000;
    private static final List<String> FAMILIES = List.copyOf(RandomCommands.FAMILIES.keySet());

    private static RedisServer redis;

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
        return Stream.of("memory", "leveldb").flatMap(store -> Stream.of(1L, 2L, 3L, 4L).map(seed -> Arguments.of(store, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void sameRepliesAsRedis(String store, long seed) {
        try (Pair pair = new Pair(store)) {
            RandomCommands commands = new RandomCommands(seed);
            DifferentialRun.compare(pair.redis, pair.dynoj, seed, COMMANDS_PER_SEED, () -> commands.next(FAMILIES));
        }
    }

    static Stream<Arguments> zsetRuns() {
        return Stream.of("memory", "leveldb").flatMap(store -> Stream.of(11L, 12L, 13L).map(seed -> Arguments.of(store, seed)));
    }

    /**
     * Mostly sorted-set commands ({@link ZSetGen}; ZRANDMEMBER compared by shape), with string and
     * key commands between them for wrong types, expiry, rename and copy of sorted sets.
     */
    @ParameterizedTest(name = "zsets on {0} seed {1}")
    @MethodSource("zsetRuns")
    void sortedSetsGiveTheSameRepliesAsRedis(String store, long seed) {
        List<String> others = List.of("strings", "keys");
        try (Pair pair = new Pair(store)) {
            RandomCommands commands = new RandomCommands(seed);
            int nonEmptyArrays = DifferentialRun.compare(pair.redis, pair.dynoj, seed, ZSET_COMMANDS_PER_SEED,
                    () -> commands.chance(85) ? ZSetGen.next(commands) : commands.next(others));
            // The sequence must reach real data, not only errors and empty sets.
            assertThat(nonEmptyArrays).as("non-empty array replies").isGreaterThan(ZSET_COMMANDS_PER_SEED / 10);
        }
    }

    /** A fresh node on {@code store} and the shared redis-server, emptied, with a client to each. */
    private static final class Pair implements AutoCloseable {
        final NodeFixture node;
        final RawRespClient dynoj;
        final RawRespClient redis;

        Pair(String store) {
            node = NodeFixture.builder("redis", Backend.store(store)).configure(c -> c.ioThreads(1)).start();
            dynoj = new RawRespClient("127.0.0.1", node.port());
            redis = new RawRespClient("127.0.0.1", EngineDifferentialIT.redis.port());
            redis.call("FLUSHALL");
        }

        @Override
        public void close() {
            dynoj.close();
            redis.close();
            node.close();
        }
    }
}
