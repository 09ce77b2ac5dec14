package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The 512 MB string limit (proto-max-bulk-len) of the commands that grow a string, at and around
 * the limit, without building a string near it: the checks answer before anything is allocated.
 */
class StringLimitsTest {

    private static final long LIMIT = 512L * 1024 * 1024;
    private static final String TOO_LONG = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";
    private static final String BAD_OFFSET = "-ERR bit offset is not an integer or out of range\r\n";

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void theLimitIsRedisDefaultProtoMaxBulkLen() {
        assertThat(StringLimits.PROTO_MAX_BULK_LEN).isEqualTo(LIMIT);
    }

    @Test
    void lengthCheckAcceptsUpToTheLimitAndRefusesBeyondOrOnOverflow() {
        assertThat(StringLimits.total(LIMIT - 1, 1)).isEqualTo(LIMIT);
        assertThat(StringLimits.total(LIMIT, 0)).isEqualTo(LIMIT);
        assertThat(StringLimits.total(0, LIMIT)).isEqualTo(LIMIT);
        StringLimits.checkLength(1000, 24);
        for (long[] tooLong : new long[][] {{LIMIT, 1}, {1, LIMIT}, {LIMIT - 1, 2},
                {Long.MAX_VALUE, 1}, {1, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE}}) {
            assertThatThrownBy(() -> StringLimits.total(tooLong[0], tooLong[1]))
                    .as("%d + %d", tooLong[0], tooLong[1])
                    .isInstanceOf(RedisError.class)
                    .hasMessage("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
    }

    @Test
    void aStringTheHeapCannotSpareIsRefusedWithRedisOutOfMemoryError() {
        long heap = Runtime.getRuntime().maxMemory();
        StringLimits.checkHeap(1 << 20);
        StringLimits.checkHeap(heap / 4);
        for (long bytes : new long[] {heap / 4 + 1, heap}) {
            assertThatThrownBy(() -> StringLimits.checkHeap(bytes)).as("%d bytes", bytes)
                    .isInstanceOf(RedisError.class)
                    .hasMessage("OOM command not allowed when used memory > 'maxmemory'.");
        }
        assertThat(StringLimits.fitsHeap(heap)).isFalse();
    }

    @Test
    void bitOffsetsStopBelowTheLimitInBits() {
        assertThat(StringLimits.bitOffset(ascii("4294967295"), false, 0)).isEqualTo(LIMIT * 8 - 1);
        assertThat(StringLimits.bitOffset(ascii("#3"), true, 8)).isEqualTo(24);
        assertThat(StringLimits.bitOffset(ascii("#536870911"), true, 8)).isEqualTo(LIMIT * 8 - 8);
        // #n is only BITFIELD's form; elsewhere it is not an integer.
        for (String bad : new String[] {"4294967296", "-1", "x", "", "#3", "9223372036854775807", "1.0", "+1"}) {
            assertThatThrownBy(() -> StringLimits.bitOffset(ascii(bad), false, 0)).as(bad).hasMessage(BAD_OFFSET.substring(1).trim());
        }
        // The product wraps as in Redis: 2^62 fields of 4 bits is offset 0.
        assertThat(StringLimits.bitOffset(ascii("#4611686018427387904"), true, 4)).isZero();
        assertThatThrownBy(() -> StringLimits.bitOffset(ascii("#536870912"), true, 8)).hasMessage(BAD_OFFSET.substring(1).trim());
        assertThatThrownBy(() -> StringLimits.bitOffset(ascii("#-1"), true, 8)).hasMessage(BAD_OFFSET.substring(1).trim());
    }

    @Test
    void setRangeBeyondTheLimitIsRedisErrorEvenWhenTheSumOverflows() {
        assertThat(h.run("SETRANGE", "k", "9223372036854775807", "A")).isEqualTo(TOO_LONG);
        assertThat(h.run("SETRANGE", "k", Long.toString(LIMIT), "A")).isEqualTo(TOO_LONG);
        assertThat(h.run("SETRANGE", "k", Long.toString(LIMIT - 2), "xyz")).isEqualTo(TOO_LONG);
        assertThat(h.run("EXISTS", "k")).isEqualTo(":0\r\n");
        // Nothing to write: no check, no key (as in Redis).
        assertThat(h.run("SETRANGE", "k", "9223372036854775807", "")).isEqualTo(":0\r\n");
        h.run("SET", "k", "abc");
        assertThat(h.run("SETRANGE", "k", "9223372036854775807", "A")).isEqualTo(TOO_LONG);
        assertThat(h.run("SETRANGE", "k", Long.toString(LIMIT - 1), "")).isEqualTo(":3\r\n");
        assertThat(h.run("SETRANGE", "k", "-1", "A")).isEqualTo("-ERR offset is out of range\r\n");
        assertThat(h.run("GET", "k")).isEqualTo("$3\r\nabc\r\n");
    }

    @Test
    void setBitAndBitFieldOffsetsBeyondTheLimitAreRefused() {
        h.run("SET", "k", "abc");
        assertThat(h.run("SETBIT", "k", Long.toString(LIMIT * 8), "1")).isEqualTo(BAD_OFFSET);
        assertThat(h.run("SETBIT", "k", "9223372036854775807", "1")).isEqualTo(BAD_OFFSET);
        assertThat(h.run("GETBIT", "k", Long.toString(LIMIT * 8 - 1))).isEqualTo(":0\r\n");
        assertThat(h.run("GETBIT", "k", Long.toString(LIMIT * 8))).isEqualTo(BAD_OFFSET);
        assertThat(h.run("BITFIELD", "k", "SET", "u8", Long.toString(LIMIT * 8), "1")).isEqualTo(BAD_OFFSET);
        assertThat(h.run("BITFIELD", "k", "SET", "u8", "#536870912", "1")).isEqualTo(BAD_OFFSET);
        assertThat(h.run("BITFIELD", "k", "INCRBY", "i64", "#9223372036854775807", "1")).isEqualTo(BAD_OFFSET);
        assertThat(h.run("BITFIELD_RO", "k", "GET", "u8", "#536870911")).isEqualTo("*1\r\n:0\r\n");
        assertThat(h.run("STRLEN", "k")).isEqualTo(":3\r\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
