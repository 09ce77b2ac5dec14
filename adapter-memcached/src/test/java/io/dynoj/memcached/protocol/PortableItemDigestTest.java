package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The digest mixed racks compare memcached items by: its documented definition, and what changes it. */
class PortableItemDigestTest {

    @Test
    void isTheFirst8BytesOfTheMd5OfExpiryThenPortableItem() throws Exception {
        byte[] data = "value".getBytes(StandardCharsets.US_ASCII);
        long expireAt = 1_796_600_338_000L;
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(ByteBuffer.allocate(8).putLong(expireAt).array());
        md5.update(PortableItem.encode(0xFFFF_FFFFL, data));
        long expected = ByteBuffer.wrap(md5.digest()).getLong();
        assertThat(PortableItemDigest.of(0xFFFF_FFFFL, data, expireAt)).isEqualTo(expected);
    }

    @Test
    void flagsDataAndExpiryEachCount() {
        byte[] data = {1, 2, 3};
        long d = PortableItemDigest.of(5, data, 0);
        assertThat(PortableItemDigest.of(5, data.clone(), 0)).isEqualTo(d);
        assertThat(PortableItemDigest.of(6, data, 0)).isNotEqualTo(d);
        assertThat(PortableItemDigest.of(5, new byte[] {1, 2, 4}, 0)).isNotEqualTo(d);
        assertThat(PortableItemDigest.of(5, data, 1000)).isNotEqualTo(d);
    }
}
