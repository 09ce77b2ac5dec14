package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.MemoryStore;
import io.dynoj.core.storage.StoreIterator;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SCAN, expiry and the background sweep of the engine, with a settable clock. */
class KeyspaceCommandsTest {

    private static final Pattern SCAN_REPLY = Pattern.compile("^\\*2\r\n\\$\\d+\r\n(\\d+)\r\n\\*(\\d+)\r\n(.*)$", Pattern.DOTALL);

    @Test
    void scanVisitsEveryKeyPresentThroughoutOnce() {
        try (EngineHarness h = new EngineHarness()) {
            for (int i = 0; i < 100; i++) {
                h.run("SET", "key" + i, "v");
            }
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int rounds = 0;
            do {
                Matcher m = SCAN_REPLY.matcher(h.run("SCAN", cursor, "COUNT", "7"));
                assertThat(m.matches()).isTrue();
                cursor = m.group(1);
                for (String line : m.group(3).split("\r\n")) {
                    if (!line.startsWith("$")) {
                        assertThat(seen.add(line)).as("key returned twice: %s", line).isTrue();
                    }
                }
                // Keys deleted and added while scanning do not disturb the others.
                h.run("DEL", "key" + rounds);
                h.run("SET", "new" + rounds, "v");
                rounds++;
            } while (!cursor.equals("0"));
            for (int i = 15; i < 100; i++) {
                assertThat(seen).contains("key" + i);
            }
            assertThat(rounds).isGreaterThan(10);
        }
    }

    @Test
    void scanFiltersByPatternAndTypeAndRefusesUnknownCursors() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "user:1", "a");
            h.run("SET", "user:2", "b");
            h.run("SET", "other", "c");
            h.run("RPUSH", "user:list", "x");
            assertThat(h.run("SCAN", "0", "MATCH", "user:?", "COUNT", "100"))
                    .isEqualTo("*2\r\n$1\r\n0\r\n*2\r\n$6\r\nuser:1\r\n$6\r\nuser:2\r\n");
            assertThat(h.run("SCAN", "0", "TYPE", "string", "MATCH", "o*"))
                    .isEqualTo("*2\r\n$1\r\n0\r\n*1\r\n$5\r\nother\r\n");
            assertThat(h.run("SCAN", "987654")).isEqualTo("-ERR invalid cursor\r\n");
            assertThat(h.run("SCAN", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
        }
    }

    @Test
    void expiredKeysAreInvisibleAndSweptFromTheStore() {
        MemoryStore store = new MemoryStore();
        try (EngineHarness h = new EngineHarness(store)) {
            assertThat(h.run("SET", "short", "v", "PX", "100")).isEqualTo("+OK\r\n");
            assertThat(h.run("SET", "long", "v", "EX", "100")).isEqualTo("+OK\r\n");
            assertThat(h.run("PTTL", "short")).isEqualTo(":100\r\n");
            h.advance(100);
            assertThat(h.run("GET", "short")).isEqualTo("$-1\r\n");
            assertThat(h.run("EXISTS", "short", "long")).isEqualTo(":1\r\n");
            assertThat(h.run("TTL", "long")).isEqualTo(":100\r\n");

            for (int i = 0; i < 50; i++) {
                h.run("SET", "gone" + i, "v", "PX", "10");
            }
            h.advance(10);
            assertThat(storedEntries(store)).isEqualTo(51);
            assertThat(h.engine().removeExpired(1000)).isEqualTo(50);
            assertThat(storedEntries(store)).isEqualTo(1);
            assertThat(h.run("DBSIZE")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void sweepWorksThroughTheKeyspaceInBudgetedSteps() {
        MemoryStore store = new MemoryStore();
        try (EngineHarness h = new EngineHarness(store)) {
            for (int i = 0; i < 30; i++) {
                h.run("SET", "k" + i, "v", "PX", "5");
            }
            h.advance(5);
            int removed = 0;
            for (int step = 0; step < 4; step++) {
                removed += h.engine().removeExpired(10);
            }
            assertThat(removed).isEqualTo(30);
            assertThat(storedEntries(store)).isZero();
        }
    }

    private static int storedEntries(MemoryStore store) {
        int n = 0;
        try (StoreIterator it = store.scan(null, null, null)) {
            while (it.next()) {
                n++;
            }
        }
        return n;
    }
}
