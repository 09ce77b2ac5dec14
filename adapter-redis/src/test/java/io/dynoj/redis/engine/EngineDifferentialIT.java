package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;


import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RawRespClient;
import io.dynoj.testkit.RedisServer;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine against a real redis-server: the same seeded random command sequences go to
 * both, every reply must be the same bytes (after {@link ReplyNormalizer}). A failure names the
 * seed, the command and the commands before it.
 */
class EngineDifferentialIT {

    private static final int COMMANDS_PER_SEED = 3000;
    private static final int ZSET_COMMANDS_PER_SEED = 4000;
    private static final int BIT_COMMANDS_PER_SEED = 4000;
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
        int nonEmptyArrays = mostly(store, seed, ZSET_COMMANDS_PER_SEED, ZSetGen::next, List.of("strings", "keys"));
        // The sequence must reach real data, not only errors and empty sets.
        assertThat(nonEmptyArrays).as("non-empty array replies").isGreaterThan(ZSET_COMMANDS_PER_SEED / 10);
    }

    static Stream<Arguments> bitRuns() {
        return Stream.of("memory", "leveldb").flatMap(store -> Stream.of(21L, 22L, 23L).map(seed -> Arguments.of(store, seed)));
    }

    /**
     * Mostly bitmap and LCS commands ({@link BitGen}) on the string pool, with string and key
     * commands between them (INCR'd, appended, expired, renamed strings).
     */
    @ParameterizedTest(name = "bitmaps and LCS on {0} seed {1}")
    @MethodSource("bitRuns")
    void bitmapsAndLcsGiveTheSameRepliesAsRedis(String store, long seed) {
        int nonEmptyArrays = mostly(store, seed, BIT_COMMANDS_PER_SEED, BitGen::next, List.of("strings", "keys"));
        // BITFIELD and LCS IDX answer arrays: the sequence must reach them, not only errors.
        assertThat(nonEmptyArrays).as("non-empty array replies").isGreaterThan(BIT_COMMANDS_PER_SEED / 20);
    }

    /**
     * Mostly SORT and SORT_RO ({@link SortGen}) over lists, sets and sorted sets with weights in
     * strings and hashes, and the key commands (renames, copies, expiry) between them.
     */
    @ParameterizedTest(name = "sort on {0} seed {1}")
    @MethodSource("bitRuns")
    void sortGivesTheSameRepliesAsRedis(String store, long seed) {
        int nonEmptyArrays = mostly(store, seed, BIT_COMMANDS_PER_SEED, SortGen::next, List.of("keys", "strings"));
        assertThat(nonEmptyArrays).as("non-empty array replies").isGreaterThan(BIT_COMMANDS_PER_SEED / 8);
    }

    /**
     * One run of {@code count} commands, 85% from {@code family}, the rest from the {@code others}
     * families; returns how many got a non-empty array reply.
     */
    private static int mostly(String store, long seed, int count, RandomCommands.Family family, List<String> others) {
        try (Pair pair = new Pair(store)) {
            RandomCommands commands = new RandomCommands(seed);
            return DifferentialRun.compare(pair.redis, pair.dynoj, seed, count,
                    () -> commands.chance(85) ? family.apply(commands) : commands.next(others));
        }
    }

    /**
     * Growing a string past 512 MB (offsets near the limit, sums that overflow a long) gets
     * redis-server's error texts, and the node logs no warning (issue 20: SETRANGE with offset
     * 2^63-1 answered an internal error and logged a stack trace). No command here allocates.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "leveldb"})
    void stringsPastTheSizeLimitGetRedisErrorsAndNoWarning(String store) {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        try (Pair pair = new Pair(store)) {
            root.addAppender(logged);
            List<List<String>> commands = List.of(
                    List.of("SETRANGE", "k", "9223372036854775807", "A"), List.of("SETRANGE", "k", "536870912", "A"),
                    List.of("SET", "k", "abc"), List.of("SETRANGE", "k", "9223372036854775807", "A"),
                    List.of("SETRANGE", "k", "536870910", "xyz"), List.of("SETRANGE", "k", "536870911", ""),
                    List.of("APPEND", "k", "d"), List.of("SETBIT", "k", "4294967296", "1"),
                    List.of("SETBIT", "k", "9223372036854775807", "1"), List.of("GETBIT", "k", "4294967295"),
                    List.of("BITFIELD", "k", "SET", "u8", "4294967296", "1"), List.of("BITFIELD", "k", "SET", "u8", "#536870912", "1"),
                    List.of("BITFIELD", "k", "INCRBY", "i64", "#9223372036854775807", "1"), List.of("GET", "k"));
            Iterator<List<String>> next = commands.iterator();
            DifferentialRun.compare(pair.redis, pair.dynoj, 0, commands.size(), next::next);
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
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
