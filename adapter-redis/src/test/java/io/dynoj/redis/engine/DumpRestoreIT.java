package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DUMP and RESTORE between the engine and a real redis-server 7.0, both ways: random values of
 * every type and size (small and large collections, integers, binary strings, long strings that
 * Redis compresses) are made on the engine, DUMPed, RESTOREd into redis-server, DUMPed there (in
 * Redis's compact encodings: listpacks, intsets, quicklists, LZF) and RESTOREd back into the
 * engine; every step must read back as the original.
 */
class DumpRestoreIT {

    private static final int VALUES = 100;

    private static RedisServer redisServer;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startRedis() {
        redisServer = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redisServer != null) {
            redisServer.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "leveldb"})
    void valuesRoundTripThroughRedisServer(String store) {
        NodeConfig config = NodeConfig.builder()
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .datastoreType(store).dataDir(dataDir.resolve(store)).ioThreads(1).build();
        try (DynojNode node = new DynojNode(config).start();
             RespClient dynoj = new RespClient("127.0.0.1", node.clientAddress().getPort());
             RespClient redis = redisServer.client()) {
            redis.flushAll();
            RandomValues values = new RandomValues(new Random(store.hashCode()));
            java.util.Set<String> encodings = new java.util.TreeSet<>();
            int lzf = 0;
            for (int i = 0; i < VALUES; i++) {
                String key = "k" + i;
                String type = values.write(dynoj, key, i);
                List<Object> original = read(dynoj, type, key);

                byte[] ours = (byte[]) dynoj.call("DUMP", key);
                assertThat(redis.call(b("RESTORE"), b(key), b("0"), ours)).as("redis-server RESTOREs our %s", type).isEqualTo("OK");
                assertThat(read(redis, type, key)).as("%s %s in redis-server", type, key).isEqualTo(original);

                encodings.add((String) text(redis.call("OBJECT", "ENCODING", key)));
                byte[] theirs = (byte[]) redis.call("DUMP", key);
                lzf += theirs[0] == 0 && (theirs[1] & 0xff) == 0xC3 ? 1 : 0;
                assertThat(dynoj.call(b("RESTORE"), b(key + ":back"), b("60000"), theirs)).isEqualTo("OK");
                assertThat(read(dynoj, type, key + ":back")).as("%s %s back from redis-server", type, key).isEqualTo(original);
                assertThat((Long) dynoj.call("PTTL", key + ":back")).isBetween(50_000L, 60_000L);
                assertThat((String) dynoj.call("TYPE", key + ":back")).isEqualTo(type);
            }
            assertThat(encodings).as("Redis's encodings were all met")
                    .contains("int", "raw", "listpack", "quicklist", "intset", "hashtable", "skiplist");
            assertThat(lzf).as("strings Redis LZF-compressed in its DUMP").isPositive();
        }
    }

    /** The value of {@code key} in a comparable form: members of sets sorted, the rest as Redis lists them. */
    static List<Object> read(RespClient c, String type, String key) {
        Object value = switch (type) {
            case "string" -> c.call("GET", key);
            case "list" -> c.call("LRANGE", key, "0", "-1");
            case "set" -> c.call("SMEMBERS", key);
            case "hash" -> c.call("HGETALL", key);
            case "zset" -> c.call("ZRANGE", key, "0", "-1", "WITHSCORES");
            default -> throw new IllegalArgumentException(type);
        };
        List<Object> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            if (type.equals("hash")) {
                List<String> pairs = new ArrayList<>();
                for (int i = 0; i < list.size(); i += 2) {
                    pairs.add(text(list.get(i)) + "=" + text(list.get(i + 1)));
                }
                pairs.sort(null);
                items.addAll(pairs);
            } else {
                list.forEach(v -> items.add(text(v)));
                if (type.equals("set")) {
                    items.sort(null);
                }
            }
        } else {
            items.add(text(value));
        }
        return items;
    }

    private static Object text(Object v) {
        // ISO-8859-1 keeps every byte: binary values compare exactly.
        return v instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : v;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
