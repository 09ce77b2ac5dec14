package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The primary writes absolute exptimes; what is not relative passes through untouched. */
class AbsoluteExptimesTest {

    private static final long NOW = 1_800_000_000_123L;
    private static final long NOW_S = 1_800_000_000L;

    private static String atPrimary(String frame) {
        MemcachedRequest request = MemcachedRequestDecoder.decodeComplete(
                Unpooled.copiedBuffer(frame, StandardCharsets.US_ASCII));
        MemcachedRequest made = AbsoluteExptimes.atPrimary(request, NOW, ByteBufAllocator.DEFAULT);
        try {
            return made.frame().toString(StandardCharsets.US_ASCII);
        } finally {
            made.release();
        }
    }

    @Test
    void storageCommandsTouchAndGatGetAUnixTime() {
        assertThat(atPrimary("set k 5 100 3\r\nabc\r\n")).isEqualTo("set k 5 " + (NOW_S + 100) + " 3\r\nabc\r\n");
        assertThat(atPrimary("add k 0 60 2 noreply\r\nhi\r\n")).isEqualTo("add k 0 " + (NOW_S + 60) + " 2 noreply\r\nhi\r\n");
        assertThat(atPrimary("cas k 0 10 1 77\r\nx\r\n")).isEqualTo("cas k 0 " + (NOW_S + 10) + " 1 77\r\nx\r\n");
        assertThat(atPrimary("touch k 30\r\n")).isEqualTo("touch k " + (NOW_S + 30) + "\r\n");
        assertThat(atPrimary("gat 30 a b\r\n")).isEqualTo("gat " + (NOW_S + 30) + " a b\r\n");
    }

    @Test
    void metaTtlFlagsGetAUnixTime() {
        assertThat(atPrimary("ms k 3 T90 F4\r\nabc\r\n")).isEqualTo("ms k 3 T" + (NOW_S + 90) + " F4\r\nabc\r\n");
        assertThat(atPrimary("ma k N30 J13\r\n")).isEqualTo("ma k N" + (NOW_S + 30) + " J13\r\n");
    }

    @Test
    void neverExpiredAtOnceAndAlreadyAbsoluteStayAsTheyAre() {
        for (String frame : new String[] {"set k 0 0 1\r\nx\r\n", "set k 0 -1 1\r\nx\r\n",
                "set k 0 1900000000 1\r\nx\r\n", "ms k 1 T0\r\nx\r\n", "append k 0 100 1\r\nx\r\n",
                "incr k 1\r\n", "set k 0 2592001 1\r\nx\r\n"}) {
            assertThat(atPrimary(frame)).as(frame).isEqualTo(frame);
        }
        String once = atPrimary("set k 0 100 1\r\nx\r\n");
        assertThat(atPrimary(once)).as("rewriting twice changes nothing").isEqualTo(once);
    }
}
