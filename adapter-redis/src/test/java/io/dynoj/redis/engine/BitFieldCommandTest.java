package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BITFIELD and BITFIELD_RO; expected replies are redis-server 7.0.15's. */
class BitFieldCommandTest {

    private static final String BAD_TYPE =
            "-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n";
    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final String RO_ONLY_GET = "-ERR BITFIELD_RO only supports the GET subcommand\r\n";

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void overflowModesWrapSaturateOrFail() {
        assertThat(h.run("BITFIELD", "f", "INCRBY", "i5", "100", "1", "GET", "u4", "0")).isEqualTo("*2\r\n:1\r\n:0\r\n");
        assertThat(h.run("BITFIELD", "f", "SET", "i8", "0", "-100", "GET", "u8", "0", "GET", "i8", "0"))
                .isEqualTo("*3\r\n:0\r\n:156\r\n:-100\r\n");
        assertThat(h.run("BITFIELD", "f", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "-100", "INCRBY", "u2", "100", "5"))
                .isEqualTo("*2\r\n:-128\r\n:3\r\n");
        assertThat(h.run("BITFIELD", "f", "OVERFLOW", "FAIL", "INCRBY", "u2", "102", "5", "GET", "u2", "102"))
                .isEqualTo("*2\r\n$-1\r\n:0\r\n");
        assertThat(h.run("BITFIELD", "f", "overflow", "wrap", "INCRBY", "u2", "102", "5")).isEqualTo("*1\r\n:1\r\n");
        assertThat(h.run("BITFIELD", "f", "SET", "u8", "#1", "300", "GET", "u8", "8")).isEqualTo("*2\r\n:0\r\n:44\r\n");
        assertThat(h.run("BITFIELD", "f", "OVERFLOW", "SAT", "SET", "u8", "#1", "300", "SET", "i8", "#1", "-300", "GET", "i8", "#1"))
                .isEqualTo("*3\r\n:44\r\n:-1\r\n:-128\r\n");
    }

    @Test
    void sixtyFourBitSignedAndSixtyThreeBitUnsignedFields() {
        h.run("SET", "f", "");
        assertThat(h.run("BITFIELD", "f", "SET", "i64", "0", "-9223372036854775808", "INCRBY", "i64", "0", "-1",
                "OVERFLOW", "SAT", "INCRBY", "i64", "0", "-1", "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "-1"))
                .isEqualTo("*4\r\n:0\r\n:9223372036854775807\r\n:9223372036854775806\r\n:9223372036854775805\r\n");
        assertThat(h.run("BITFIELD", "f", "SET", "i64", "0", "9223372036854775807", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "1",
                "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "1", "OVERFLOW", "WRAP", "INCRBY", "i64", "0", "1"))
                .isEqualTo("*4\r\n:9223372036854775805\r\n:9223372036854775807\r\n$-1\r\n:-9223372036854775808\r\n");
        assertThat(h.run("BITFIELD", "f", "SET", "u63", "0", "-1", "GET", "u63", "0"))
                .isEqualTo("*2\r\n:4611686018427387904\r\n:9223372036854775807\r\n");
        assertThat(h.run("BITFIELD", "f", "OVERFLOW", "SAT", "SET", "u63", "0", "-1", "INCRBY", "u63", "0", "-9223372036854775808"))
                .isEqualTo("*2\r\n:9223372036854775807\r\n:0\r\n");
    }

    @Test
    void aWriteThatFailsStillCreatesTheKeyAsRedisDoes() {
        assertThat(h.run("BITFIELD", "new", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "10")).isEqualTo("*1\r\n$-1\r\n");
        assertThat(h.run("STRLEN", "new")).isEqualTo(":1\r\n");
        assertThat(h.run("BITFIELD", "none", "GET", "u8", "0")).isEqualTo("*1\r\n:0\r\n");
        assertThat(h.run("EXISTS", "none")).as("reads create nothing").isEqualTo(":0\r\n");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingRuns() {
        h.run("SET", "f", "x");
        for (String type : new String[] {"u64", "i65", "i0", "x8", "", "I8"}) {
            assertThat(h.run("BITFIELD", "f", "GET", type, "0")).as(type).isEqualTo(BAD_TYPE);
        }
        assertThat(h.run("BITFIELD", "f", "GET", "u8", "-1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
        assertThat(h.run("BITFIELD", "f", "GET", "u8", "#x")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
        assertThat(h.run("BITFIELD", "f", "SET", "u8", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("BITFIELD", "f", "SET", "u8", "0", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("BITFIELD", "f", "OVERFLOW", "bad")).isEqualTo("-ERR Invalid OVERFLOW type specified\r\n");
        assertThat(h.run("BITFIELD", "f", "SET", "u8", "0", "1", "bogus")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("GET", "f")).as("nothing ran").isEqualTo("$1\r\nx\r\n");
        assertThat(h.run("BITFIELD", "f")).isEqualTo("*0\r\n");
    }

    @Test
    void readOnlyFormAcceptsOnlyGet() {
        h.run("SET", "f", "\u007f\u007f");
        assertThat(h.run("BITFIELD_RO", "f", "GET", "u8", "0", "GET", "i4", "#2")).isEqualTo("*2\r\n:127\r\n:7\r\n");
        assertThat(h.run("BITFIELD_RO", "f", "SET", "u8", "0", "1")).isEqualTo(RO_ONLY_GET);
        assertThat(h.run("BITFIELD_RO", "f", "GET", "u8")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void otherTypesAreRefusedAfterTheArguments() {
        h.run("RPUSH", "l", "a");
        assertThat(h.run("BITFIELD", "l", "GET", "u8", "0")).isEqualTo(WRONGTYPE);
        assertThat(h.run("BITFIELD", "l", "SET", "u8", "0", "1")).isEqualTo(WRONGTYPE);
        assertThat(h.run("BITFIELD_RO", "l", "GET", "u8", "0")).isEqualTo(WRONGTYPE);
        assertThat(h.run("BITFIELD_RO", "l", "SET", "u8", "0", "1")).isEqualTo(RO_ONLY_GET);
        assertThat(h.run("BITFIELD", "l", "bogus")).isEqualTo("-ERR syntax error\r\n");
    }
}
