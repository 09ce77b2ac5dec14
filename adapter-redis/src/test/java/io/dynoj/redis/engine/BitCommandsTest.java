package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP; expected replies are redis-server 7.0.15's. */
class BitCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void setBitGrowsTheStringWithZeroBytesAndAnswersTheOldBit() {
        assertThat(h.run("SETBIT", "b", "7", "1")).isEqualTo(":0\r\n");
        assertThat(h.run("SETBIT", "b", "7", "0")).isEqualTo(":1\r\n");
        assertThat(h.run("SETBIT", "b", "100", "1")).isEqualTo(":0\r\n");
        assertThat(h.run("STRLEN", "b")).isEqualTo(":13\r\n");
        assertThat(h.run("GETBIT", "b", "100")).isEqualTo(":1\r\n");
        assertThat(h.run("GETBIT", "b", "101")).isEqualTo(":0\r\n");
        assertThat(h.run("GETBIT", "b", "10000")).isEqualTo(":0\r\n");
        assertThat(h.run("GETBIT", "nokey", "5")).isEqualTo(":0\r\n");
        assertThat(h.run("SETBIT", "b", "0", "x")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
        assertThat(h.run("SETBIT", "b", "0", "2")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
    }

    @Test
    void setBitKeepsTheTtlAndANewKeyExistsEvenWhenItSetsAZero() {
        h.run("SET", "k", "a", "EX", "100");
        h.run("SETBIT", "k", "30", "1");
        assertThat(h.run("TTL", "k")).isEqualTo(":100\r\n");
        assertThat(h.run("SETBIT", "fresh", "3", "0")).isEqualTo(":0\r\n");
        assertThat(h.run("STRLEN", "fresh")).isEqualTo(":1\r\n");
    }

    @Test
    void bitCountOverByteAndBitRanges() {
        h.run("SET", "s", "foobar");
        assertThat(h.run("BITCOUNT", "s")).isEqualTo(":26\r\n");
        assertThat(h.run("BITCOUNT", "s", "0", "0")).isEqualTo(":4\r\n");
        assertThat(h.run("BITCOUNT", "s", "1", "1", "BYTE")).isEqualTo(":6\r\n");
        assertThat(h.run("BITCOUNT", "s", "5", "30", "BIT")).isEqualTo(":17\r\n");
        assertThat(h.run("BITCOUNT", "s", "-1", "-2")).isEqualTo(":0\r\n");
        assertThat(h.run("BITCOUNT", "s", "0")).isEqualTo(SYNTAX);
        assertThat(h.run("BITCOUNT", "s", "0", "1", "bits")).isEqualTo(SYNTAX);
        assertThat(h.run("BITCOUNT", "s", "0", "1", "bit", "x")).isEqualTo(SYNTAX);
        assertThat(h.run("BITCOUNT", "s", "x", "1")).isEqualTo(NOT_INTEGER);
        // A missing key answers before its arguments are read.
        assertThat(h.run("BITCOUNT", "nokey", "0")).isEqualTo(":0\r\n");
    }

    @Test
    void bitPosFindsBitsInRanges() {
        h.run("SET", "s", "foobar");
        h.run("SET", "w", "abc");
        assertThat(h.run("BITPOS", "s", "1")).isEqualTo(":1\r\n");
        assertThat(h.run("BITPOS", "s", "0")).isEqualTo(":0\r\n");
        assertThat(h.run("BITPOS", "w", "1", "2")).isEqualTo(":17\r\n");
        assertThat(h.run("BITPOS", "w", "0", "0", "-1", "bit")).isEqualTo(":0\r\n");
        assertThat(h.run("BITPOS", "w", "1", "7", "15", "BIT")).isEqualTo(":7\r\n");
        assertThat(h.run("BITPOS", "w", "0", "8", "9", "BIT")).isEqualTo(":8\r\n");
        assertThat(h.run("BITPOS", "w", "1", "1", "0")).isEqualTo(":-1\r\n");
        assertThat(h.run("BITPOS", "nokey", "0")).isEqualTo(":0\r\n");
        assertThat(h.run("BITPOS", "nokey", "1")).isEqualTo(":-1\r\n");
        assertThat(h.run("BITPOS", "w", "2")).isEqualTo("-ERR The bit argument must be 1 or 0.\r\n");
        assertThat(h.run("BITPOS", "w", "x")).isEqualTo(NOT_INTEGER);
        assertThat(h.run("BITPOS", "w", "0", "0", "1", "2", "3")).isEqualTo(SYNTAX);
        assertThat(h.run("BITPOS", "w", "0", "0", "1", "bits")).isEqualTo(SYNTAX);
    }

    @Test
    void bitPosForAZeroInAllOnes() {
        h.run("BITOP", "NOT", "ones", "nokey");
        h.run("SETBIT", "ones", "15", "1");
        h.run("BITFIELD", "ones", "SET", "u16", "0", "65535");
        // No explicit end: the string goes on with zeros; an explicit end: there is no zero in range.
        assertThat(h.run("BITPOS", "ones", "0")).isEqualTo(":16\r\n");
        assertThat(h.run("BITPOS", "ones", "0", "0")).isEqualTo(":16\r\n");
        assertThat(h.run("BITPOS", "ones", "0", "0", "-1")).isEqualTo(":-1\r\n");
        assertThat(h.run("BITPOS", "ones", "0", "3", "12", "BIT")).isEqualTo(":-1\r\n");
    }

    @Test
    void bitOpCombinesStringsAndDeletesTheTargetWhenAllAreEmpty() {
        h.run("SET", "s", "foobar");
        h.run("SET", "w", "abc");
        assertThat(h.run("BITOP", "AND", "d", "s", "w")).isEqualTo(":6\r\n");
        assertThat(h.run("GET", "d")).isEqualTo("$6\r\n`bc\0\0\0\r\n");
        assertThat(h.run("BITOP", "or", "d", "s", "w")).isEqualTo(":6\r\n");
        assertThat(h.run("GET", "d")).isEqualTo("$6\r\ngoobar\r\n");
        assertThat(h.run("BITOP", "XOR", "d", "s", "w", "nokey")).isEqualTo(":6\r\n");
        assertThat(h.run("GET", "d")).isEqualTo("$6\r\n\u0007\r\fbar\r\n");
        assertThat(h.run("BITOP", "NOT", "d", "w")).isEqualTo(":3\r\n");
        assertThat(h.run("BITCOUNT", "d")).isEqualTo(":14\r\n");
        assertThat(h.run("BITOP", "NOT", "d", "s", "w")).isEqualTo("-ERR BITOP NOT must be called with a single source key.\r\n");
        assertThat(h.run("BITOP", "NAND", "d", "s")).isEqualTo(SYNTAX);
        h.run("EXPIRE", "d", "100");
        assertThat(h.run("BITOP", "AND", "d", "nokey", "nokey2")).isEqualTo(":0\r\n");
        assertThat(h.run("EXISTS", "d")).isEqualTo(":0\r\n");
        h.run("SET", "d", "x", "EX", "100");
        h.run("BITOP", "OR", "d", "w");
        assertThat(h.run("TTL", "d")).as("the target is set anew, without TTL").isEqualTo(":-1\r\n");
    }

    @Test
    void otherTypesAreRefused() {
        h.run("RPUSH", "l", "a");
        h.run("SET", "s", "x");
        for (String[] cmd : new String[][] {{"SETBIT", "l", "0", "1"}, {"GETBIT", "l", "0"}, {"BITCOUNT", "l"},
                {"BITCOUNT", "l", "x"}, {"BITPOS", "l", "1"}, {"BITOP", "AND", "d", "s", "l"}}) {
            assertThat(h.run(cmd)).as(String.join(" ", cmd)).isEqualTo(WRONGTYPE);
        }
        // Offsets and bits are read before the key's type.
        assertThat(h.run("SETBIT", "l", "-1", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
        assertThat(h.run("BITPOS", "l", "2")).isEqualTo("-ERR The bit argument must be 1 or 0.\r\n");
    }
}
