package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The write time a memcached key copy asks for ({@code me <key> w}) and reads from the answer. */
class MemcachedKeyCopyWriteTimeTest {

    private static final MemcachedKeyCopy COPY = MemcachedKeyCopy.INSTANCE;

    private static long timeOf(String reply) {
        ByteBuf buf = Unpooled.copiedBuffer(reply, StandardCharsets.US_ASCII);
        try {
            return COPY.writeTimeOf(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void asksWithTheMetaDebugCommandAndItsWFlag() {
        ByteBuf key = Unpooled.copiedBuffer("k:1", StandardCharsets.US_ASCII);
        Request read = COPY.writeTimeRead(key, ByteBufAllocator.DEFAULT);
        try {
            MemcachedRequest r = (MemcachedRequest) read;
            assertThat(r.frame().toString(StandardCharsets.US_ASCII)).isEqualTo("me k:1 w\r\n");
            assertThat(r.commandType()).isEqualTo(MemcachedCommand.ME);
            assertThat(r.keyCount()).isEqualTo(1);
            assertThat(r.key(0).toString(StandardCharsets.US_ASCII)).isEqualTo("k:1");
        } finally {
            read.release();
            key.release();
        }
    }

    @Test
    void readsTheEnginesWriteTimeOfAnItemOrATombstone() {
        assertThat(timeOf("ME k exp=-1 la=0 cas=3 fetch=no cls=1 size=4 wt=123456789\r\n")).isEqualTo(123456789L);
        assertThat(timeOf("EN wt=42\r\n")).isEqualTo(42L);
    }

    @Test
    void aMemcachedServersAnswerHasNone() {
        assertThat(timeOf("ME k exp=-1 la=0 cas=3 fetch=no cls=1 size=69\r\n")).isZero();
        assertThat(timeOf("EN\r\n")).isZero();
        assertThat(timeOf("ME wt=7 exp=-1 la=0 cas=3 fetch=no cls=1 size=69\r\n")).as("a key is no write time").isZero();
    }

    @Test
    void anErrorGivesNone() {
        assertThat(timeOf("SERVER_ERROR out of memory\r\n")).isEqualTo(-1);
        assertThat(timeOf("ERROR\r\n")).isEqualTo(-1);
        assertThat(timeOf("ME k wt=notanumber\r\n")).isEqualTo(-1);
    }
}
