package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.redis.engine.HashSetCommandGenerator.Check;
import io.dynoj.redis.engine.HashSetCommandGenerator.Cmd;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's hash and set commands answer like Redis 7.0: the same seeded random commands go to a
 * real redis-server and to the engine, and the replies must be equal (byte for byte once decoded;
 * set replies as sorted lists; random replies by shape and membership). Every 20 commands the
 * whole keyspace is compared.
 */
class HashSetDifferentialIT {

    private static final int COMMANDS = 2500;

    private static RedisServer redis;
    private static RespClient client;
    private EngineHarness engine;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        client = redis.client();
    }

    @AfterAll
    static void stopRedis() {
        client.close();
        redis.close();
    }

    @BeforeEach
    void fresh() {
        client.flushAll();
        engine = new EngineHarness();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20240601})
    void randomCommandsAnswerLikeRedis(long seed) {
        try (EngineHarness h = engine) {
            HashSetCommandGenerator generator = new HashSetCommandGenerator(seed);
            for (int i = 1; i <= COMMANDS; i++) {
                Cmd cmd = generator.next();
                String where = "seed " + seed + ", command " + i + ": " + cmd;
                check(cmd, where);
                if (i % 20 == 0) {
                    compareKeyspace(where);
                }
            }
        }
    }

    @Test
    void edgeCasesAnswerLikeRedis() {
        String[][] commands = {
            {"HSET", "h", "a", "1", "b", "2", "c", "3"}, {"HSCAN", "h", "", "MATCH", "[^a]"},
            {"HSCAN", "h", "18446744073709551615"}, {"HSCAN", "h", "18446744073709551616"}, {"HSCAN", "h", "+5"},
            {"HSCAN", "h", " 1"}, {"HSCAN", "h", "-"}, {"HSCAN", "h", "0", "MATCH", "*", "MATCH", "b"},
            {"HINCRBYFLOAT", "h", "a", "0.1"}, {"HINCRBYFLOAT", "h", "a", "-1.1"}, {"HINCRBYFLOAT", "h", "a", "5."},
            {"HINCRBYFLOAT", "h", "n", "+5"}, {"HINCRBYFLOAT", "h", "n", "1e-20"}, {"HINCRBY", "h", "n", "1"},
            {"HINCRBYFLOAT", "hf", "p", "0.1"}, {"HINCRBYFLOAT", "hf", "p", "0.2"}, {"HINCRBYFLOAT", "hf", "p", "1e400"},
            {"HINCRBYFLOAT", "hf", "p", "-1e400"}, {"HINCRBYFLOAT", "hf", "q", "1e5000"}, {"HINCRBYFLOAT", "hf", "q", "1e-5000"},
            {"HINCRBYFLOAT", "hf", "q", "1e-300"}, {"HINCRBYFLOAT", "hf", "q", "9223372036854775807"},
            {"HINCRBYFLOAT", "hf", "q", "0.75"}, {"HINCRBYFLOAT", "hf", "q", "-Infinity"}, {"HSET", "hf", "r", "1e4000"},
            {"HINCRBYFLOAT", "hf", "r", "1"}, {"HSET", "hf", "r", "1e6000"}, {"HINCRBYFLOAT", "hf", "r", "1"},
            {"HSET", "hf", "r", "-inf"}, {"HINCRBYFLOAT", "hf", "r", "1"}, {"HSET", "hf", "r", "1.18973149535723176502e4932"},
            {"HINCRBYFLOAT", "hf", "r", "1.18973149535723176502e4932"}, {"HGETALL", "hf"},
            {"HRANDFIELD", "h", "9223372036854775807"}, {"HRANDFIELD", "h", "-9223372036854775807", "WITHVALUES"},
            {"HRANDFIELD", "h", "4611686018427387904", "WITHVALUES"}, {"HGETALL", "h"},
            {"SADD", "s", "x", "y"}, {"SINTERCARD", "9223372036854775808", "s"}, {"SINTERCARD", "1", "s", "LIMIT", "1", "LIMIT", "0"},
            {"SINTERCARD", "1", "s", "LIMIT", "9223372036854775808"}, {"SPOP", "s", "9223372036854775807"},
            {"SMEMBERS", "s"}, {"SRANDMEMBER", "s", "9223372036854775807"},
        };
        try (EngineHarness h = engine) {
            for (String[] command : commands) {
                // Count beyond the size: the whole collection, in Redis's own order.
                Check check = command[0].equals("SPOP") || command[0].contains("RAND") || command[1].equals("hf")
                        ? Check.UNORDERED : Check.EXACT;
                check(new Cmd(check, List.of(command)), String.join(" ", command));
            }
        }
    }

    private void check(Cmd cmd, String where) {
        boolean random = cmd.check() == Check.RANDOM || cmd.check() == Check.POP;
        Set<String> elements = random ? elementsOf(cmd.key()) : Set.of();
        Object mine = RespValues.parse(engine.run(cmd.args().toArray(String[]::new)));
        Object theirs = redisCall(cmd.args());
        switch (cmd.check()) {
            case EXACT -> assertThat(RespValues.text(mine, false)).as(where).isEqualTo(RespValues.text(theirs, false));
            case UNORDERED -> assertThat(RespValues.text(mine, true)).as(where).isEqualTo(RespValues.text(theirs, true));
            case SCAN -> assertThat(RespValues.text(scanItems(mine), true)).as(where)
                    .isEqualTo(RespValues.text(scanAll(cmd.args(), theirs), true));
            case RANDOM, POP -> {
                assertThat(RespValues.shape(mine)).as(where).isEqualTo(RespValues.shape(theirs));
                assertThat(items(mine)).as(where + ": random picks are elements").isSubsetOf(elements);
                if (cmd.check() == Check.POP && !(mine instanceof RespClient.RespError)) {
                    resync(cmd.key());
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** The reply, or the error it is. */
    private static Object redisCall(List<String> args) {
        try {
            return client.call(args.toArray(String[]::new));
        } catch (RespClient.RespError e) {
            return e;
        }
    }

    private static Object scanItems(Object reply) {
        return reply instanceof List<?> l ? l.get(1) : reply;
    }

    /**
     * Redis pages through larger sets; the engine answers everything at once. An accepted cursor is
     * therefore replaced by 0 and Redis's pages are joined.
     */
    private static Object scanAll(List<String> args, Object first) {
        if (!(first instanceof List<?>)) {
            return first;
        }
        List<String> page = new ArrayList<>(args);
        page.set(2, "0");
        List<Object> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            List<?> reply = (List<?>) redisCall(page);
            for (Object item : (List<?>) reply.get(1)) {
                if (seen.add(RespValues.text(item, false))) {
                    items.add(item);
                }
            }
            page.set(2, new String((byte[]) reply.get(0), StandardCharsets.UTF_8));
        } while (!page.get(2).equals("0"));
        return items;
    }

    private static List<String> items(Object reply) {
        List<String> out = new ArrayList<>();
        if (reply instanceof byte[] b) {
            out.add(new String(b, StandardCharsets.UTF_8));
        } else if (reply instanceof List<?> l) {
            l.forEach(o -> out.add(new String((byte[]) o, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Every field, value and member of {@code key} (read before a random command). */
    private static Set<String> elementsOf(String key) {
        Object type = redisCall(List.of("TYPE", key));
        Set<String> out = new HashSet<>();
        if ("hash".equals(type)) {
            out.addAll(items(redisCall(List.of("HGETALL", key))));
        } else if ("set".equals(type)) {
            out.addAll(items(redisCall(List.of("SMEMBERS", key))));
        }
        return out;
    }

    /** After a random pop, Redis's set is made the engine's again. */
    private void resync(String key) {
        Object members = RespValues.parse(engine.run("SMEMBERS", key));
        redisCall(List.of("DEL", key));
        List<String> add = new ArrayList<>(List.of("SADD", key));
        add.addAll(items(members));
        if (add.size() > 2) {
            redisCall(add);
        }
    }

    /**
     * Compares every key; then turns the strings that SET left on collection keys back into nothing
     * (GETDEL), so most commands meet collections rather than WRONGTYPE.
     */
    private void compareKeyspace(String where) {
        for (String key : HashSetCommandGenerator.KEYS) {
            if (!key.equals("str") && "string".equals(redisCall(List.of("TYPE", key)))) {
                check(new Cmd(Check.EXACT, List.of("GETDEL", key)), "reset after " + where);
            }
            for (Cmd read : List.of(new Cmd(Check.EXACT, List.of("HGETALL", key)),
                    new Cmd(Check.UNORDERED, List.of("SMEMBERS", key)), new Cmd(Check.EXACT, List.of("GET", key)))) {
                check(read, "keyspace after " + where + ": " + read);
            }
        }
    }
}
