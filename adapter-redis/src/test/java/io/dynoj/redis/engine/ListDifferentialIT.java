package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.testkit.RawRespClient;
import io.dynoj.testkit.RedisServer;
import io.dynoj.testkit.RespClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends the same seeded random list commands (good ones, wrong types, bad arguments, same-key moves)
 * to a real redis-server 7.0 and to the engine, and compares every reply byte for byte (list replies
 * are ordered, so nothing needs sorting).
 */
class ListDifferentialIT {

    private static final int COMMANDS_PER_SEED = 3000;
    private static final String[] KEYS = {"l1", "l2", "l3", "s"};
    private static final String[] ELEMENTS = {"a", "b", "c", "1", "10", "-1", "01", ""};
    private static final String[] INDEXES = {"0", "1", "2", "-1", "-2", "-3", "4", "-10", "100", "x", "1.5", "+1",
        "9223372036854775807", "-9223372036854775808", "99999999999999999999"};
    private static final String[] COUNTS = {"0", "1", "2", "3", "10", "-1", "x", "9223372036854775807",
        "-9223372036854775808"};
    private static final String[] SIDES = {"LEFT", "RIGHT", "left", "Right", "UP"};

    private static RedisServer redis;
    private static RawRespClient raw;

    @BeforeAll
    static void startRedis() throws IOException {
        redis = RedisServer.start();
        raw = new RawRespClient(redis.host(), redis.port());
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (raw != null) {
            raw.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void repliesMatchRedis(long seed) throws IOException {
        try (RespClient client = redis.client(); EngineHarness engine = new EngineHarness()) {
            client.flushAll();
            raw.call("SET", "s", "v");
            engine.run("SET", "s", "v");
            Random random = new Random(seed);
            for (int step = 0; step < COMMANDS_PER_SEED; step++) {
                List<String> command = next(random);
                String expected = raw.call(command.toArray(String[]::new));
                String actual = engine.run(command.toArray(String[]::new));
                assertThat(actual).as("seed %d step %d: %s", seed, step, command).isEqualTo(expected);
            }
            for (String key : KEYS) {
                List<String> range = List.of("LRANGE", key, "0", "-1");
                assertThat(engine.run(range.toArray(String[]::new))).as("final %s", key).isEqualTo(raw.call(range.toArray(String[]::new)));
            }
        }
    }

    static List<String> next(Random r) {
        List<String> c = new ArrayList<>();
        String key = key(r);
        switch (r.nextInt(19)) {
            case 0, 1, 17 -> {
                c.addAll(List.of(pick(r, "LPUSH", "RPUSH", "LPUSHX", "RPUSHX"), key));
                int n = r.nextInt(40) == 0 ? 150 : 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    c.add(pick(r, ELEMENTS));
                }
            }
            case 2 -> {
                c.addAll(List.of(pick(r, "LPOP", "RPOP"), key));
                int extra = r.nextInt(10) == 0 ? 2 : r.nextInt(2);
                for (int i = 0; i < extra; i++) {
                    c.add(pick(r, COUNTS));
                }
            }
            case 3 -> c.addAll(List.of("LLEN", key));
            case 4 -> c.addAll(List.of("LINDEX", key, pick(r, INDEXES)));
            case 5 -> c.addAll(List.of("LSET", key, pick(r, INDEXES), pick(r, ELEMENTS)));
            case 6 -> c.addAll(List.of("LRANGE", key, pick(r, INDEXES), pick(r, INDEXES)));
            case 7 -> c.addAll(List.of("LTRIM", key, pick(r, INDEXES), pick(r, INDEXES)));
            case 8 -> c.addAll(List.of("LREM", key, pick(r, COUNTS), pick(r, ELEMENTS)));
            case 9 -> c.addAll(List.of("LINSERT", key, pick(r, "BEFORE", "AFTER", "before", "After", "middle"),
                    pick(r, ELEMENTS), pick(r, ELEMENTS)));
            case 10, 11 -> lpos(r, c, key);
            case 12 -> c.addAll(List.of("RPOPLPUSH", key, key(r)));
            case 13 -> c.addAll(List.of("LMOVE", key, key(r), pick(r, SIDES), pick(r, SIDES)));
            case 14, 15 -> lmpop(r, c);
            // Strings come and go (GETDEL removes them) so lists meet WRONGTYPE without being crowded out.
            default -> c.addAll(r.nextInt(8) == 0 ? List.of("SET", key, "v") : List.of("GETDEL", key));
        }
        return c;
    }

    private static void lpos(Random r, List<String> c, String key) {
        c.addAll(List.of("LPOS", key, pick(r, ELEMENTS)));
        int options = r.nextInt(4);
        for (int i = 0; i < options; i++) {
            c.add(pick(r, "RANK", "COUNT", "MAXLEN", "rank", "count", "maxlen", "FOO"));
            if (r.nextInt(8) != 0) {
                c.add(pick(r, "1", "2", "-1", "-2", "0", "3", "x", "-9223372036854775808"));
            }
        }
    }

    private static void lmpop(Random r, List<String> c) {
        int keys = 1 + r.nextInt(3);
        c.add("LMPOP");
        c.add(r.nextInt(8) == 0 ? pick(r, "0", "-1", "x", "5", "02") : Integer.toString(keys));
        for (int i = 0; i < keys; i++) {
            c.add(key(r));
        }
        if (r.nextInt(10) != 0) {
            c.add(pick(r, SIDES));
        }
        if (r.nextInt(2) == 0) {
            c.add(pick(r, "COUNT", "count", "BAR"));
            if (r.nextInt(8) != 0) {
                c.add(pick(r, COUNTS));
            }
        }
        if (r.nextInt(15) == 0) {
            c.addAll(List.of("COUNT", "1"));
        }
    }

    /** Mostly the list keys; the string key "s" one time in ten. */
    private static String key(Random r) {
        return r.nextInt(10) == 0 ? "s" : KEYS[r.nextInt(KEYS.length - 1)];
    }

    private static String pick(Random r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
