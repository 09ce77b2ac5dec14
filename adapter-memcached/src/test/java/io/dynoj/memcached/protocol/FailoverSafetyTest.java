package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which memcached requests the router may send to another replica when theirs cannot answer. */
class FailoverSafetyTest {

    private final MemcachedProtocolAdapter adapter = new MemcachedProtocolAdapter();

    private boolean safe(String line) {
        MemcachedRequest request = MemcachedRequestDecoder.decodeComplete(
                Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
        try {
            return adapter.isFailoverSafe(request);
        } finally {
            request.release();
        }
    }

    @Test
    void plainGetsAndMetaGetsWithoutCasAreSafe() {
        assertThat(safe("get k\r\n")).isTrue();
        assertThat(safe("get a b c\r\n")).isTrue();
        assertThat(safe("mg k v f\r\n")).isTrue();
        assertThat(safe("mg k v q\r\n")).isTrue();
    }

    @Test
    void readsOfThePrimarysCasValueAreNot() {
        assertThat(safe("gets k\r\n")).isFalse();
        assertThat(safe("mg k v c\r\n")).isFalse();
        assertThat(safe("gats 10 k\r\n")).isFalse();
    }

    @Test
    void writesAndMetaGetsThatChangeTheItemAreNot() {
        assertThat(safe("set k 0 0 1\r\nv\r\n")).isFalse();
        assertThat(safe("gat 10 k\r\n")).isFalse();
        assertThat(safe("mg k v T30\r\n")).isFalse();
        assertThat(safe("mg k N30\r\n")).isFalse();
        assertThat(safe("delete k\r\n")).isFalse();
        assertThat(safe("version\r\n")).isFalse();
    }
}
