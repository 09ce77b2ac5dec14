package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MEMORY USAGE sizes a key as the store keeps it; Redis's argument checks; the rest is refused. */
class MemoryCommandTest {

    @Test
    void usageIsTheKeyAndItsStoredEntry() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "k", "value");
            int header = StoredValue.TIMED_HEADER;
            assertThat(h.run("MEMORY", "USAGE", "k")).isEqualTo(":" + (1 + header + 5) + "\r\n");
            assertThat(h.run("memory", "usage", "k", "SAMPLES", "0")).isEqualTo(":" + (1 + header + 5) + "\r\n");
            h.run("RPUSH", "list", "a".repeat(1000), "b");
            assertThat(Long.parseLong(h.run("MEMORY", "USAGE", "list").substring(1).trim())).isGreaterThan(1000);
            assertThat(h.run("MEMORY", "USAGE", "missing")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void anExpiredKeyHasNoUsage() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "k", "v", "PX", "10");
            h.advance(11);
            assertThat(h.run("MEMORY", "USAGE", "k")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void argumentsAreCheckedAsRedisChecksThem() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "k", "v");
            assertThat(h.run("MEMORY", "USAGE", "k", "SAMPLES", "-1")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.run("MEMORY", "USAGE", "k", "SAMPLES")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.run("MEMORY", "USAGE", "k", "COUNT", "5")).isEqualTo("-ERR syntax error\r\n");
            assertThat(h.run("MEMORY", "USAGE", "k", "SAMPLES", "five"))
                    .isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(h.run("MEMORY", "USAGE", "missing", "SAMPLES", "-1")).as("options first, as Redis")
                    .isEqualTo("-ERR syntax error\r\n");
            assertThat(h.run("MEMORY", "USAGE")).isEqualTo("-ERR wrong number of arguments for 'memory|usage' command\r\n");
            assertThat(h.run("MEMORY", "nope")).isEqualTo("-ERR unknown subcommand 'nope'. Try MEMORY HELP.\r\n");
            assertThat(h.run("MEMORY", "STATS")).isEqualTo("-ERR MEMORY STATS is not supported by the 'leveldb' datastore\r\n");
        }
    }
}
