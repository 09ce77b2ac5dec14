package io.dynoj.redis.engine;


import io.dynoj.core.fixture.Backend;
import io.dynoj.core.fixture.NodeFixture;
import io.dynoj.mysql.TestStores;
import io.dynoj.testkit.MariaDbServer;
import io.dynoj.testkit.RawRespClient;
import io.dynoj.testkit.RedisServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Redis engine on the MySQL store against a real redis-server: the differential sequences of
 * adapter-redis's {@code EngineDifferentialIT} (strings, keys, sorted sets, wrong types and bad
 * arguments included), through a node whose data lives in MariaDB.
 */
class MySqlEngineDifferentialIT {

    private static final int COMMANDS = 1500;

    @Test
    void sameRepliesAsRedisWithTheDataInMariaDb() {
        try (MariaDbServer db = MariaDbServer.start(); RedisServer redis = RedisServer.start()) {
            List<String> families = List.copyOf(RandomCommands.FAMILIES.keySet());
            try (NodeFixture node = NodeFixture.builder("redis", Backend.store("mysql"))
                         .configure(c -> c.ioThreads(1).allowFlushAll(true)
                                 .section("mysql", TestStores.section(db, TestStores.newTable())))
                         .start();
                 RawRespClient dynoj = new RawRespClient("127.0.0.1", node.port());
                 RawRespClient real = new RawRespClient("127.0.0.1", redis.port())) {
                for (long seed : new long[] {11, 12}) {
                    real.call("FLUSHALL");
                    dynoj.call("FLUSHALL");
                    RandomCommands commands = new RandomCommands(seed);
                    DifferentialRun.compare(real, dynoj, seed, COMMANDS, () -> commands.next(families));
                }
            }
        }
    }
}
