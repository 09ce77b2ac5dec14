package io.dynoj.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyHasherTest {

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void withoutATagTheWholeKeyIsHashed() {
        KeyHasher h = KeyHasher.of("fnv1a_32", null);
        ByteBuf key = buf("a");
        try {
            assertThat(h.token(key)).isEqualTo(0xe40c292cL);
            assertThat(h.hasEmptyHashKey(key)).isFalse();
            assertThat(h.hashTag()).isEmpty();
        } finally {
            key.release();
        }
        assertThat(h.token(ascii("{a}"), 0, 3)).isEqualTo(HashAlgorithm.FNV1A_32.hash(ascii("{a}")));
    }

    @Test
    void withATagOnlyTheTaggedPartIsHashed() {
        KeyHasher h = KeyHasher.of("murmur", "{}");
        ByteBuf one = buf("user{foo}.name");
        ByteBuf two = buf("other{foo}");
        try {
            assertThat(h.token(one)).isEqualTo(0xc4e0338fL); // murmur("foo") from HashAlgorithmTest
            assertThat(h.token(two)).isEqualTo(h.token(one));
            assertThat(one.readerIndex()).isZero();
        } finally {
            one.release();
            two.release();
        }
        byte[] padded = ascii("xxuser{foo}xx");
        assertThat(h.token(padded, 2, 9)).isEqualTo(0xc4e0338fL);
    }

    @Test
    void anEmptyTagIsAnEmptyHashKey() {
        KeyHasher h = KeyHasher.of("md5", "{}");
        ByteBuf key = buf("a{}b");
        try {
            assertThat(h.hasEmptyHashKey(key)).isTrue();
            // what redis_fragment_argx hashes for such a key
            assertThat(h.token(key)).isEqualTo(0xd98c1dd4L);
        } finally {
            key.release();
        }
        ByteBuf empty = Unpooled.EMPTY_BUFFER;
        assertThat(KeyHasher.of(null, null).hasEmptyHashKey(empty)).isTrue();
    }

    @Test
    void defaultsAndValidation() {
        KeyHasher h = KeyHasher.of(null, "");
        assertThat(h.algorithm()).isSameAs(HashAlgorithm.MURMUR);
        assertThat(h.hashTag()).isEmpty();
        assertThat(KeyHasher.of("CRC32A", "{}").toString()).isEqualTo("crc32a {}");
        assertThatThrownBy(() -> KeyHasher.of("sha1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyHasher.of("md5", "{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyHasher(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void murmur3PutsEveryKeyAtTokenZero() {
        KeyHasher h = KeyHasher.of("murmur3", null);
        ByteBuf key = buf("anything");
        try {
            assertThat(h.token(key)).isZero();
        } finally {
            key.release();
        }
    }
}
