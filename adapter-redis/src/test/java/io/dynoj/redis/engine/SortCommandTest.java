package io.dynoj.redis.engine;

import static io.dynoj.redis.engine.HashCommandsTest.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SORT and SORT_RO; expected replies are redis-server 7.0.15's. */
class SortCommandTest {

    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String NOT_DOUBLE = "-ERR One or more scores can't be converted into double\r\n";

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void numbersAlphaDescAndLimit() {
        h.run("RPUSH", "l", "3", "1", "2", "10");
        assertThat(h.run("SORT", "l")).isEqualTo(array("1", "2", "3", "10"));
        assertThat(h.run("SORT", "l", "DESC")).isEqualTo(array("10", "3", "2", "1"));
        assertThat(h.run("SORT", "l", "ALPHA")).isEqualTo(array("1", "10", "2", "3"));
        assertThat(h.run("SORT", "l", "LIMIT", "1", "2")).isEqualTo(array("2", "3"));
        assertThat(h.run("SORT", "l", "LIMIT", "1", "-1")).isEqualTo(array("2", "3", "10"));
        assertThat(h.run("SORT", "l", "LIMIT", "10", "2")).isEqualTo("*0\r\n");
        assertThat(h.run("SORT", "l", "LIMIT", "-5", "2")).isEqualTo(array("1", "2"));
        assertThat(h.run("SORT_RO", "l", "DESC", "LIMIT", "0", "1")).isEqualTo(array("10"));
    }

    @Test
    void byAndGetPatternsReadStringsAndHashFields() {
        h.run("RPUSH", "l", "3", "1", "2", "10");
        h.run("MSET", "w_1", "30", "w_2", "20", "w_3", "10");
        h.run("HSET", "h_1", "f", "x1", "w", "3");
        h.run("HSET", "h_2", "f", "x2");
        assertThat(h.run("SORT", "l", "BY", "w_*")).isEqualTo(array("10", "3", "2", "1"));
        assertThat(h.run("SORT", "l", "BY", "w_*", "GET", "#", "GET", "w_*", "GET", "h_*->f", "GET", "nokey", "GET", "h_*->"))
                .isEqualTo("*20\r\n$2\r\n10\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n$1\r\n3\r\n$2\r\n10\r\n$-1\r\n$-1\r\n$-1\r\n"
                        + "$1\r\n2\r\n$2\r\n20\r\n$2\r\nx2\r\n$-1\r\n$-1\r\n$1\r\n1\r\n$2\r\n30\r\n$2\r\nx1\r\n$-1\r\n$-1\r\n");
        assertThat(h.run("SORT", "l", "BY", "h_*->w")).isEqualTo(array("10", "2", "3", "1"));
        // ALPHA weights: a missing one sorts first.
        assertThat(h.run("SORT", "l", "BY", "w_*", "ALPHA")).isEqualTo(array("10", "3", "2", "1"));
    }

    @Test
    void byAConstantKeepsTheValuesOwnOrder() {
        h.run("RPUSH", "l", "3", "1", "2", "10");
        assertThat(h.run("SORT", "l", "BY", "nosort")).isEqualTo(array("3", "1", "2", "10"));
        assertThat(h.run("SORT", "l", "BY", "nosort", "DESC")).isEqualTo(array("10", "2", "1", "3"));
        assertThat(h.run("SORT", "l", "BY", "nosort", "LIMIT", "1", "2", "DESC")).isEqualTo(array("2", "1"));
        h.run("ZADD", "z", "3", "c", "1", "a", "2", "b");
        assertThat(h.run("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "1")).isEqualTo(array("b"));
        assertThat(h.run("SORT", "z", "ALPHA", "DESC")).isEqualTo(array("c", "b", "a"));
        assertThat(h.run("SORT", "z")).isEqualTo(NOT_DOUBLE);
        // A set of integers is in numeric order (Redis's intset); with STORE it is sorted ALPHA.
        h.run("SADD", "s", "5", "-1", "3", "100");
        assertThat(h.run("SORT", "s", "BY", "nosort")).isEqualTo(array("-1", "3", "5", "100"));
        assertThat(h.run("SORT", "s", "BY", "nosort", "STORE", "dst")).isEqualTo(":4\r\n");
        assertThat(h.run("LRANGE", "dst", "0", "-1")).isEqualTo(array("-1", "100", "3", "5"));
    }

    @Test
    void storeWritesAListWithoutTtlOrDeletesTheTarget() {
        h.run("RPUSH", "l", "3", "1", "2", "10");
        h.run("HSET", "h_1", "f", "x1");
        h.run("HSET", "h_2", "f", "x2");
        h.run("SET", "dst", "old", "EX", "100");
        assertThat(h.run("SORT", "l", "BY", "nosort", "GET", "h_*->f", "STORE", "dst")).isEqualTo(":4\r\n");
        assertThat(h.run("LRANGE", "dst", "0", "-1")).isEqualTo(array("", "x1", "x2", ""));
        assertThat(h.run("TTL", "dst")).isEqualTo(":-1\r\n");
        assertThat(h.run("SORT", "l", "BY", "w_*", "STORE", "dst", "LIMIT", "0", "0")).isEqualTo(":0\r\n");
        assertThat(h.run("EXISTS", "dst")).isEqualTo(":0\r\n");
        assertThat(h.run("SORT", "nokey", "STORE", "dst")).isEqualTo(":0\r\n");
        assertThat(h.run("SORT", "l", "STORE", "l")).isEqualTo(":4\r\n");
        assertThat(h.run("LRANGE", "l", "0", "-1")).isEqualTo(array("1", "2", "3", "10"));
    }

    @Test
    void weightsAreReadAsStrtodReadsThem() {
        h.run("RPUSH", "bad", "a", "1");
        assertThat(h.run("SORT", "bad")).isEqualTo(NOT_DOUBLE);
        assertThat(h.run("SORT", "bad", "LIMIT", "5", "1")).as("even for an empty window").isEqualTo(NOT_DOUBLE);
        assertThat(h.run("SORT", "bad", "ALPHA")).isEqualTo(array("1", "a"));
        assertThat(h.run("SORT", "bad", "BY", "nosort")).isEqualTo(array("a", "1"));
        h.run("RPUSH", "sp", "x", "1");
        h.run("SET", "w_x", " 3");
        assertThat(h.run("SORT", "sp", "BY", "w_*")).as("leading space, missing weight 0").isEqualTo(array("1", "x"));
        h.run("SET", "w_1", "0x10");
        assertThat(h.run("SORT", "sp", "BY", "w_*")).as("hexadecimal").isEqualTo(array("x", "1"));
        h.run("SET", "w_x", "");
        assertThat(h.run("SORT", "sp", "BY", "w_*")).as("empty is 0").isEqualTo(array("x", "1"));
        h.run("SET", "w_x", "1e400");
        assertThat(h.run("SORT", "sp", "BY", "w_*")).isEqualTo(NOT_DOUBLE);
    }

    @Test
    void optionErrorsComeBeforeTheKeysType() {
        h.run("RPUSH", "l", "1");
        h.run("SET", "str", "x");
        assertThat(h.run("SORT", "l", "LIMIT", "0")).isEqualTo(SYNTAX);
        assertThat(h.run("SORT", "l", "STORE")).isEqualTo(SYNTAX);
        assertThat(h.run("SORT_RO", "l", "STORE", "dst")).isEqualTo(SYNTAX);
        assertThat(h.run("SORT", "l", "LIMIT", "x", "1")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("SORT", "str", "bogus")).isEqualTo(SYNTAX);
        assertThat(h.run("SORT", "str")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("SORT", "str", "BY", "w_*", "STORE", "dst"))
                .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("SORT", "nokey")).isEqualTo("*0\r\n");
    }

    /**
     * Writers change two weights together (MSET locks both) and rename the list, while SORT reads
     * them through GET patterns and stores: no deadlock, and every SORT sees both weights equal.
     */
    @Test
    void patternKeysAreLockedWithoutDeadlockAgainstMultiKeyWriters() throws Exception {
        h.run("RPUSH", "l", "1", "2");
        h.run("MSET", "w_1", "0", "w_2", "0");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 300; i++) {
                        h.run("MSET", "w_1", Integer.toString(i), "w_2", Integer.toString(i));
                        h.run("RENAME", "w_2", "w_2");
                    }
                }, pool));
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 300; i++) {
                        List<String> weights = HashCommandsTest.parseArray(h.run("SORT", "l", "BY", "nosort", "GET", "w_*"));
                        assertThat(weights.get(0)).isEqualTo(weights.get(1));
                        assertThat(h.run("SORT", "l", "BY", "w_*", "GET", "#", "STORE", "dst")).isEqualTo(":2\r\n");
                    }
                }, pool));
            }
            assertThatCode(() -> CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                    .get(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .doesNotThrowAnyException();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * STORE's destination is a request key the engine locks with the sorted key; each SORT's weights are
     * the other's destination, so a SORT that kept its destination's stripe while taking its pattern keys'
     * would deadlock against the other.
     */
    @Test
    void storeKeysLockedByTheEngineDoNotDeadlockSortsWhosePatternsReadThem() throws Exception {
        h.run("RPUSH", "l1", "a");
        h.run("RPUSH", "l2", "b");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Void>> runs = List.of(
                    CompletableFuture.runAsync(() -> sortStoring(h, "l1", "p_b"), pool),
                    CompletableFuture.runAsync(() -> sortStoring(h, "l2", "p_a"), pool));
            assertThatCode(() -> CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                    .get(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .doesNotThrowAnyException();
            assertThat(h.run("LRANGE", "p_a", "0", "-1")).isEqualTo(array("b"));
            assertThat(h.run("LRANGE", "p_b", "0", "-1")).isEqualTo(array("a"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sortStoring(EngineHarness h, String list, String destination) {
        for (int i = 0; i < 2000; i++) {
            assertThat(h.run("SORT", list, "BY", "p_*", "STORE", destination)).isEqualTo(":1\r\n");
        }
    }
}
