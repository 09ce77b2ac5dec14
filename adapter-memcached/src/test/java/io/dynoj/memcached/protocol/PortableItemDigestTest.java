package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The digest repair compares memcached items by, whichever datastore holds them. */
class PortableItemDigestTest {

    private static final byte[] BAR = PortableItem.encode(5, "bar".getBytes(StandardCharsets.US_ASCII));

    @Test
    void isTheMd5OfThePortableFormAndTheExpirySecond() {
        // MD5([0 0 0 5] "bar" [expiry second, 8 bytes]), its first 8 bytes big-endian (computed with Python's hashlib).
        assertThat(PortableItemDigest.of(BAR, 0)).isEqualTo(3625195082486589122L);
        assertThat(PortableItemDigest.of(BAR, 1_700_000_000_001L)).isEqualTo(1036855492823746632L);
    }

    @Test
    void theItemFormAndThePortableFormGiveOneDigest() {
        byte[] raw = "xxbaryy".getBytes(StandardCharsets.US_ASCII);
        assertThat(PortableItemDigest.of(5, raw, 2, 3, 1_700_000_000_500L))
                .isEqualTo(PortableItemDigest.of(BAR, 1_700_000_000_500L));
    }

    @Test
    void countsTheExpiryInWholeSecondsRoundedUp() {
        assertThat(PortableItemDigest.of(BAR, 1_700_000_000_001L)).isEqualTo(PortableItemDigest.of(BAR, 1_700_000_001_000L));
        assertThat(PortableItemDigest.of(BAR, 1_700_000_001_001L)).isNotEqualTo(PortableItemDigest.of(BAR, 1_700_000_001_000L));
        assertThat(PortableItemDigest.of(BAR, 1_700_000_000_000L)).isNotEqualTo(PortableItemDigest.of(BAR, 0));
        assertThat(PortableItemDigest.expirySecond(0)).isZero();
    }

    @Test
    void flagsAndDataChangeIt() {
        byte[] otherFlags = PortableItem.encode(6, "bar".getBytes(StandardCharsets.US_ASCII));
        byte[] otherData = PortableItem.encode(5, "baz".getBytes(StandardCharsets.US_ASCII));
        assertThat(PortableItemDigest.of(otherFlags, 0)).isNotEqualTo(PortableItemDigest.of(BAR, 0));
        assertThat(PortableItemDigest.of(otherData, 0)).isNotEqualTo(PortableItemDigest.of(BAR, 0));
    }

    @Test
    void refusesAValueShorterThanTheFlags() {
        assertThatThrownBy(() -> PortableItemDigest.of(new byte[3], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
