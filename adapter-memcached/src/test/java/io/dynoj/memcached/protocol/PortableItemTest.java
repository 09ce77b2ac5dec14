package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PortableItemTest {

    @Test
    void flagsAndDataRoundTripWithTheFullUnsignedRange() {
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] value = PortableItem.encode(4_294_967_295L, data);
        assertThat(value).hasSize(PortableItem.HEADER + 5);
        assertThat(PortableItem.flags(value)).isEqualTo(4_294_967_295L);
        assertThat(PortableItem.data(value)).isEqualTo(data);
        assertThat(PortableItem.data(PortableItem.encode(7, new byte[0]))).isEmpty();
    }

    @Test
    void aShortValueIsRefusedNamingIt() {
        assertThatThrownBy(() -> PortableItem.flags(new byte[3])).hasMessageContaining("not a portable memcached item");
    }
}
