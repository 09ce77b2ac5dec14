package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.ClusterFixture;
import io.dynoj.core.fixture.Place;
import io.dynoj.testkit.Binaries;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import io.dynoj.testkit.RespClient.RespError;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * MULTI/EXEC/WATCH over three racks of two nodes, each rack one node on redis-server and one on the
 * embedded engine (so a transaction's primary is either, and its replicas both): the same transactions give
 * the same replies as one redis-server, every rack holds the same data afterwards, a transaction over keys
 * of different nodes is refused with EXECABORT, and a write between WATCH and EXEC makes EXEC answer nil.
 */
class ClusterTransactionIT {

    /** An entry node in each rack (rack r1 is nodes 0 and 1, r2 2 and 3, r3 4 and 5). */
    private static final int[] ENTRIES = {0, 3, 4};
    private static final int TAGS = 12;

    private static ClusterFixture cluster;
    private static RedisServer reference;

    @BeforeAll
    static void start() {
        Backend redis = Backend.redisServer();
        Backend engine = Backend.store("memory");
        cluster = ClusterFixture.builder(Place.racks("dc1", 3, 2), "redis",
                        List.of(redis, engine, engine, redis, redis, engine))
                .consistency(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE).start();
        reference = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    private static RespClient node(int i) {
        return new RespClient("127.0.0.1", cluster.clientPort(i));
    }

    /** The transactions of tag {@code t}: writes of every kind, reads, relative expiries, runtime errors. */
    static List<List<String>> transactions(String t) {
        return List.of(
                List.of("SET " + t + "a 1", "INCR " + t + "a", "INCRBY " + t + "n 5", "GET " + t + "a"),
                List.of("RPUSH " + t + "l x y z", "LPOP " + t + "l", "LRANGE " + t + "l 0 -1", "SADD " + t + "s m",
                        "SPOP " + t + "s", "HSET " + t + "h f v g w", "HGETALL " + t + "h"),
                List.of("EXPIRE " + t + "a 1000", "TTL " + t + "a", "SET " + t + "e v EX 500", "PING", "ECHO hi"),
                List.of("INCR " + t + "l", "SET " + t + "b 2", "APPEND " + t + "b x", "ZADD " + t + "z 1 a 2 b",
                        "ZRANGE " + t + "z 0 -1 WITHSCORES"),
                List.of("GET " + t + "b", "EXISTS " + t + "a " + t + "b", "DEL " + t + "n"));
    }

    /** MULTI, each command (QUEUED), EXEC: the EXEC reply, described. */
    static String exec(RespClient c, List<String> commands) {
        assertThat(c.call("MULTI")).isEqualTo("OK");
        for (String command : commands) {
            assertThat(c.call(command.split(" "))).as(command).isEqualTo("QUEUED");
        }
        return describe(c.call("EXEC"));
    }

    private static String describe(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            return list.stream().map(ClusterTransactionIT::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        if (reply instanceof RespError e) {
            return "error " + e.getMessage();
        }
        return String.valueOf(reply);
    }

    @Test
    void transactionsGiveWhatOneRedisGivesAndEveryRackHoldsTheSameAfterwards() {
        try (RespClient ref = new RespClient(reference.host(), reference.port())) {
            for (int tag = 0; tag < TAGS; tag++) {
                String t = "{tx" + tag + "}";
                try (RespClient c = node(ENTRIES[tag % ENTRIES.length])) {
                    for (List<String> transaction : transactions(t)) {
                        String expected = exec(ref, transaction).replaceAll(":(9\\d\\d)\\b", ":ttl");
                        assertThat(exec(c, transaction).replaceAll(":(9\\d\\d)\\b", ":ttl"))
                                .as("%s through node %d", transaction, ENTRIES[tag % ENTRIES.length])
                                .isEqualTo(expected);
                    }
                }
            }
        }
        for (int tag = 0; tag < TAGS; tag++) {
            try (RespClient c = node(ENTRIES[tag % ENTRIES.length])) {
                String t = "{tx" + tag + "}";
                String popped = exec(c, List.of("SADD " + t + "r a b c d e f", "SPOP " + t + "r 3", "SCARD " + t + "r"));
                assertThat(popped).matches("\\[6, \\[\\w, \\w, \\w\\], 3\\]");
            }
        }
        // The replicas apply each transaction's effect as one unit: SPOP as SREM, EXPIRE as PEXPIREAT.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, String>> racks = new ArrayList<>();
            for (int entry : ENTRIES) {
                try (RespClient c = node(entry)) {
                    racks.add(RackSnapshot.of(c));
                }
            }
            assertThat(racks.get(0).keySet()).as("keys of every tag").hasSizeGreaterThanOrEqualTo(TAGS * 7);
            assertThat(racks.get(1)).isEqualTo(racks.get(0));
            assertThat(racks.get(2)).isEqualTo(racks.get(0));
        });
    }

    @Test
    void aTransactionOverKeysOfDifferentNodesIsRefusedAndTheConnectionGoesOn() {
        try (RespClient c = node(0)) {
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("SET", "spread:0", "x")).isEqualTo("QUEUED");
            String refusal = null;
            for (int i = 1; i < 40 && refusal == null; i++) {
                try {
                    c.call("SET", "spread:" + i, "x");
                } catch (RespError e) {
                    refusal = e.getMessage();
                }
            }
            assertThat(refusal).as("some key of 40 lives on the rack's other node")
                    .startsWith("ERR 'set' names a key on other nodes").contains("hash tag");
            assertThatThrownBy(() -> c.call("EXEC")).isInstanceOf(RespError.class)
                    .hasMessage("EXECABORT Transaction discarded because of previous errors.");
            assertThat(c.call("EXISTS", "spread:0")).as("nothing ran").isEqualTo(0L);
            assertThat(c.call("SET", "spread:0", "y")).isEqualTo("OK");
            assertThat(c.call("MULTI")).as("a new transaction").isEqualTo("OK");
        }
    }

    @Test
    void flushAllIsRefusedUnlessTheNodeAllowsIt() {
        try (RespClient c = node(3)) {
            assertThatThrownBy(() -> c.call("FLUSHALL")).isInstanceOf(RespError.class)
                    .hasMessageContaining("allow_flush_all: true");
        }
    }

    @Test
    void aWriteBetweenWatchAndExecAbortsTheExec() {
        try (Jedis watcher = new Jedis("127.0.0.1", cluster.clientPort(1), 10_000);
             Jedis other = new Jedis("127.0.0.1", cluster.clientPort(4), 10_000)) {
            watcher.set("{w}balance", "10");
            assertThat(watcher.watch("{w}balance")).isEqualTo("OK");
            int balance = Integer.parseInt(watcher.get("{w}balance"));
            other.set("{w}balance", "50");
            Transaction t = watcher.multi();
            t.set("{w}balance", Integer.toString(balance - 5));
            assertThat(t.exec()).as("EXEC after a concurrent write").isNull();
            assertThat(watcher.get("{w}balance")).isEqualTo("50");

            // Unchanged: the transaction runs, and the watch ends with it.
            assertThat(watcher.watch("{w}balance", "{w}log")).isEqualTo("OK");
            Transaction again = watcher.multi();
            Response<Long> left = again.decrBy("{w}balance", 5);
            again.rpush("{w}log", "-5");
            assertThat(again.exec()).hasSize(2);
            assertThat(left.get()).isEqualTo(45L);
            other.set("{w}balance", "0");
            Transaction unwatched = watcher.multi();
            unwatched.incr("{w}balance");
            assertThat(unwatched.exec()).as("EXEC ended the watch").containsExactly(1L);

            // The client's own write between WATCH and EXEC counts too, as in Redis; UNWATCH forgets.
            watcher.watch("{w}balance");
            watcher.set("{w}balance", "7");
            Transaction own = watcher.multi();
            own.incr("{w}balance");
            assertThat(own.exec()).isNull();
            watcher.watch("{w}balance");
            other.set("{w}balance", "8");
            watcher.unwatch();
            Transaction after = watcher.multi();
            after.incr("{w}balance");
            assertThat(after.exec()).containsExactly(9L);
        }
    }

    @Test
    void jedisTransactionsAndDiscard() {
        try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(2), 10_000)) {
            Transaction t = j.multi();
            Response<String> set = t.set("{j}k", "v");
            Response<Long> pushed = t.lpush("{j}list", "a", "b");
            Response<String> got = t.get("{j}k");
            t.exec();
            assertThat(set.get()).isEqualTo("OK");
            assertThat(pushed.get()).isEqualTo(2L);
            assertThat(got.get()).isEqualTo("v");

            Transaction dropped = j.multi();
            dropped.set("{j}k", "dropped");
            assertThat(dropped.discard()).isEqualTo("OK");
            assertThat(j.get("{j}k")).isEqualTo("v");

            Transaction wrongType = j.multi();
            Response<Long> bad = wrongType.incr("{j}list");
            Response<String> fine = wrongType.set("{j}k", "w");
            wrongType.exec();
            assertThatThrownBy(bad::get).isInstanceOf(JedisDataException.class).hasMessageContaining("WRONGTYPE");
            assertThat(fine.get()).as("the rest of the transaction runs, as in Redis").isEqualTo("OK");
        }
    }

    @Test
    void lettuceMultiExecAsSpringSendsIt() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + cluster.clientPort(5));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> sync = connection.sync();
            assertThat(sync.multi()).isEqualTo("OK");
            sync.set("{lettuce}:name", "dynoj");
            sync.incr("{lettuce}:visits");
            sync.hset("{lettuce}:profile", "lang", "java");
            TransactionResult result = sync.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat(result.<Object>stream().toList()).containsExactly("OK", 1L, true);

            assertThat(sync.watch("{lettuce}:visits")).isEqualTo("OK");
            try (Jedis other = new Jedis("127.0.0.1", cluster.clientPort(0), 10_000)) {
                other.incr("{lettuce}:visits");
            }
            sync.multi();
            sync.incr("{lettuce}:visits");
            assertThat(sync.exec().wasDiscarded()).as("a watched key written").isTrue();
            assertThat(sync.get("{lettuce}:visits")).isEqualTo("2");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void redisPyPipelinesAndWatches(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || new ProcessBuilder(python.toString(), "-c", "import redis").start()
                .waitFor() != 0) {
            Binaries.require("python3-redis-module-missing", "python3-redis");
        }
        Path script = dir.resolve("redis_py_transaction.py");
        try (InputStream in = getClass().getResourceAsStream("/clients/redis_py_transaction.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(python.toString(), script.toString(), Integer.toString(cluster.clientPort(3)),
                Integer.toString(cluster.clientPort(0))).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out.trim()).isEqualTo("OK");
    }

    @Test
    void keylessAndReadOnlyTransactionsRunOnTheNodeTheClientUses() {
        try (RespClient c = node(1)) {
            assertThat(exec(c, List.of("PING", "ECHO x"))).isEqualTo("[PONG, x]");
            assertThat(exec(c, List.of())).isEqualTo("[]");
            c.call("SET", "{ro}a", "1");
            assertThat(exec(c, List.of("GET {ro}a", "STRLEN {ro}a", "TYPE {ro}a"))).isEqualTo("[1, 1, string]");
        }
    }

    @Test
    void optimisticIncrementsWithWatchLoseNothing() throws Exception {
        int clients = 6;
        int increments = 40;
        List<Thread> threads = IntStream.range(0, clients).mapToObj(i -> new Thread(() -> {
            try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(i), 10_000)) {
                for (int done = 0; done < increments; ) {
                    j.watch("{opt}n");
                    String v = j.get("{opt}n");
                    Transaction t = j.multi();
                    t.set("{opt}n", Integer.toString(v == null ? 1 : Integer.parseInt(v) + 1));
                    if (t.exec() != null) {
                        done++;
                    }
                }
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(120_000);
        }
        try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(0), 10_000)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(j.get("{opt}n")).isEqualTo(Integer.toString(clients * increments)));
        }
    }

    @Test
    void manyClientsIncrementingThroughTransactionsLoseNothing() throws Exception {
        int clients = 6;
        int rounds = 50;
        List<Thread> threads = IntStream.range(0, clients).mapToObj(i -> new Thread(() -> {
            try (Jedis j = new Jedis("127.0.0.1", cluster.clientPort(i), 10_000)) {
                for (int r = 0; r < rounds; r++) {
                    Transaction t = j.multi();
                    t.incr("{count}n");
                    t.rpush("{count}log", i + ":" + r);
                    t.exec();
                }
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(60_000);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int entry : ENTRIES) {
                try (RespClient c = node(entry)) {
                    assertThat(c.call("GET", "{count}n")).isEqualTo(Integer.toString(clients * rounds)
                            .getBytes(StandardCharsets.US_ASCII));
                    assertThat(c.call("LLEN", "{count}log")).isEqualTo((long) clients * rounds);
                }
            }
        });
    }
}
