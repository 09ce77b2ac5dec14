package io.dynoj.redis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * MULTI/EXEC/WATCH on a node alone, on redis-server and on the embedded engine: the same replies as one
 * redis-server, FLUSHALL and KEYS inside a transaction (every key is on this node), WATCH conflicts.
 */
class NodeTransactionIT {

    private static NodeFixture node(String backend) {
        return NodeFixture.builder("redis", "redis".equals(backend) ? Backend.redisServer() : Backend.store(backend))
                .configure(c -> c.allowFlushAll(true)).start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "memory"})
    void transactionsGiveWhatOneRedisGives(String backend) {
        try (NodeFixture node = node(backend); RedisServer reference = RedisServer.start();
             RespClient c = new RespClient("127.0.0.1", node.port());
             RespClient ref = new RespClient(reference.host(), reference.port())) {
            for (String t : List.of("{a}", "b:", "")) {
                for (List<String> transaction : ClusterTransactionIT.transactions(t)) {
                    assertThat(ClusterTransactionIT.exec(c, transaction).replaceAll(":(9\\d\\d)\\b", ":ttl"))
                            .as("%s on %s", transaction, backend)
                            .isEqualTo(ClusterTransactionIT.exec(ref, transaction).replaceAll(":(9\\d\\d)\\b", ":ttl"));
                }
            }
            List<String> readOnly = List.of("GET x", "EXISTS x");
            assertThat(ClusterTransactionIT.exec(c, readOnly)).as("a transaction of reads only")
                    .isEqualTo(ClusterTransactionIT.exec(ref, readOnly));
            List<String> alone = List.of("SET x 1", "KEYS x", "DBSIZE");
            assertThat(ClusterTransactionIT.exec(c, alone)).isEqualTo(ClusterTransactionIT.exec(ref, alone));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "memory"})
    void watchedKeysWrittenByAnotherClientAbortTheExec(String backend) {
        try (NodeFixture node = node(backend);
             Jedis watcher = new Jedis("127.0.0.1", node.port(), 10_000);
             Jedis other = new Jedis("127.0.0.1", node.port(), 10_000)) {
            watcher.set("k", "1");
            watcher.watch("k", "untouched");
            other.incr("k");
            Transaction t = watcher.multi();
            t.set("k", "mine");
            assertThat(t.exec()).isNull();
            assertThat(watcher.get("k")).isEqualTo("2");

            watcher.watch("untouched");
            other.incr("k");
            Transaction fine = watcher.multi();
            fine.set("untouched", "x");
            assertThat(fine.exec()).containsExactly("OK");
        }
    }

    /** A plain SET is committed in a group on the embedded engine: its commit must move the watch as well. */
    @ParameterizedTest
    @ValueSource(strings = {"redis", "memory"})
    void aPlainSetByAnotherClientAbortsTheExec(String backend) {
        try (NodeFixture node = node(backend);
             Jedis watcher = new Jedis("127.0.0.1", node.port(), 10_000);
             Jedis other = new Jedis("127.0.0.1", node.port(), 10_000)) {
            watcher.set("k", "1");
            watcher.watch("k");
            assertThat(other.set("k", "theirs")).isEqualTo("OK");
            Transaction t = watcher.multi();
            t.set("k", "mine");
            assertThat(t.exec()).isNull();
            assertThat(watcher.get("k")).isEqualTo("theirs");
        }
    }
}
