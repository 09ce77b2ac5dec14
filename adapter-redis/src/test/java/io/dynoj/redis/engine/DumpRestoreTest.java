package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DUMP and RESTORE on the engine: options, errors and TTLs as Redis 7.0 answers them. */
class DumpRestoreTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The payload DUMP answers for {@code key}: the bulk string's bytes. */
    private static byte[] dump(EngineHarness h, String key) {
        byte[] reply = h.runBytes(List.of(b("DUMP"), b(key)));
        int headerEnd = new String(reply, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
        return Arrays.copyOfRange(reply, headerEnd, reply.length - 2);
    }

    private static String restore(EngineHarness h, String key, String ttl, byte[] payload, String... options) {
        List<byte[]> args = new java.util.ArrayList<>(List.of(b("RESTORE"), b(key), b(ttl), payload));
        for (String o : options) {
            args.add(b(o));
        }
        return h.run(args);
    }

    @Test
    void everyTypeComesBackAsItWas() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "s", "value");
            h.run("RPUSH", "l", "a", "b", "c");
            h.run("SADD", "set", "x", "1");
            h.run("HSET", "h", "f", "v", "g", "w");
            h.run("ZADD", "z", "1.5", "a", "-inf", "b");
            List<String> reads = List.of("GET s", "LRANGE l 0 -1", "SMEMBERS set", "HGETALL h", "ZRANGE z 0 -1 WITHSCORES");
            List<String> before = reads.stream().map(r -> h.run(r.split(" "))).toList();
            for (String key : List.of("s", "l", "set", "h", "z")) {
                byte[] payload = dump(h, key);
                assertThat(h.run("DEL", key)).isEqualTo(":1\r\n");
                assertThat(restore(h, key, "0", payload)).isEqualTo("+OK\r\n");
            }
            assertThat(reads.stream().map(r -> h.run(r.split(" "))).toList()).isEqualTo(before);
            assertThat(h.run("TTL", "s")).isEqualTo(":-1\r\n");
        }
    }

    @Test
    void anExistingKeyIsBusyUnlessReplaced() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "k", "new");
            byte[] payload = dump(h, "k");
            h.run("RPUSH", "other", "x");
            assertThat(restore(h, "other", "0", payload)).isEqualTo("-BUSYKEY Target key name already exists.\r\n");
            assertThat(restore(h, "other", "0", payload, "REPLACE")).isEqualTo("+OK\r\n");
            assertThat(h.run("GET", "other")).isEqualTo("$3\r\nnew\r\n");
        }
    }

    @Test
    void ttlsAreRelativeOrAbsoluteAndAPastOneStoresNothing() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "k", "v");
            byte[] payload = dump(h, "k");
            assertThat(restore(h, "rel", "5000", payload)).isEqualTo("+OK\r\n");
            assertThat(h.run("PTTL", "rel")).isEqualTo(":5000\r\n");
            assertThat(restore(h, "abs", Long.toString(h.now() + 7000), payload, "ABSTTL")).isEqualTo("+OK\r\n");
            assertThat(h.run("PTTL", "abs")).isEqualTo(":7000\r\n");
            assertThat(restore(h, "k", "1", payload, "REPLACE", "ABSTTL")).isEqualTo("+OK\r\n");
            assertThat(h.run("EXISTS", "k")).as("REPLACE with a past time deletes").isEqualTo(":0\r\n");
        }
    }

    @Test
    void errorsComeInRedisOrderWithRedisTexts() {
        try (EngineHarness h = new EngineHarness()) {
            h.run("SET", "k", "v");
            byte[] good = dump(h, "k");
            byte[] corrupt = good.clone();
            corrupt[1] ^= 0x55;
            assertThat(restore(h, "n", "0", good, "BOGUS")).isEqualTo("-ERR syntax error\r\n");
            assertThat(restore(h, "n", "0", good, "IDLETIME", "-1")).isEqualTo("-ERR Invalid IDLETIME value, must be >= 0\r\n");
            assertThat(restore(h, "n", "0", good, "FREQ", "256")).isEqualTo("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n");
            assertThat(restore(h, "n", "0", good, "FREQ", "1", "IDLETIME", "1")).isEqualTo("-ERR syntax error\r\n");
            assertThat(restore(h, "k", "x", good)).as("BUSYKEY before the TTL").startsWith("-BUSYKEY");
            assertThat(restore(h, "n", "x", good)).isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(restore(h, "n", "-1", good)).isEqualTo("-ERR Invalid TTL value, must be >= 0\r\n");
            assertThat(restore(h, "n", "0", corrupt)).isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
            assertThat(restore(h, "n", "0", b("short"))).isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
            assertThat(restore(h, "n", "0", good, "IDLETIME", "10", "REPLACE")).isEqualTo("+OK\r\n");
            assertThat(h.run("DUMP", "missing")).isEqualTo("$-1\r\n");
        }
    }
}
