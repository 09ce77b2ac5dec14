package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LCS and its options; expected replies are redis-server 7.0.15's. */
class LcsCommandTest {

    private static final String NOT_STRINGS = "-ERR The specified keys must contain string values\r\n";

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void subsequenceLengthAndMatchRanges() {
        h.run("MSET", "a", "ohmytext", "b", "mynewtext");
        assertThat(h.run("LCS", "a", "b")).isEqualTo("$6\r\nmytext\r\n");
        assertThat(h.run("LCS", "a", "b", "LEN")).isEqualTo(":6\r\n");
        assertThat(h.run("LCS", "a", "b", "IDX")).isEqualTo("*4\r\n$7\r\nmatches\r\n*2\r\n"
                + "*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
                + "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n"
                + "$3\r\nlen\r\n:6\r\n");
        assertThat(h.run("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")).isEqualTo("*4\r\n$7\r\nmatches\r\n*1\r\n"
                + "*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n"
                + "$3\r\nlen\r\n:6\r\n");
    }

    @Test
    void missingKeysAreEmptyStrings() {
        h.run("SET", "a", "ohmytext");
        assertThat(h.run("LCS", "a", "nokey")).isEqualTo("$0\r\n\r\n");
        assertThat(h.run("LCS", "nokey", "nokey2", "LEN")).isEqualTo(":0\r\n");
        assertThat(h.run("LCS", "a", "nokey", "IDX")).isEqualTo("*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n");
    }

    @Test
    void badOptionsAndOtherTypes() {
        h.run("MSET", "a", "ohmytext", "b", "mynewtext");
        h.run("RPUSH", "l", "x");
        assertThat(h.run("LCS", "a", "b", "LEN", "IDX")).isEqualTo("-ERR If you want both the length and indexes, please just use IDX.\r\n");
        assertThat(h.run("LCS", "a", "b", "MINMATCHLEN")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("LCS", "a", "b", "MINMATCHLEN", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("LCS", "a", "b", "bogus")).isEqualTo("-ERR syntax error\r\n");
        // The keys' types are checked before the options are read.
        assertThat(h.run("LCS", "a", "l", "bogus")).isEqualTo(NOT_STRINGS);
        assertThat(h.run("LCS", "l", "a")).isEqualTo(NOT_STRINGS);
    }

    @Test
    void aTableBeyondProtoMaxBulkLenIsRefused() {
        // (11586 + 1)^2 cells of 4 bytes is just over 512 MB: refused before anything is allocated.
        h.run("SETRANGE", "a", "11585", "x");
        h.run("SETRANGE", "b", "11585", "y");
        assertThat(h.run("LCS", "a", "b", "LEN"))
                .isEqualTo("-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n");
        h.run("SET", "b", "y");
        assertThat(h.run("LCS", "a", "b", "LEN")).isEqualTo(":0\r\n");
    }
}
