package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WatchedKeysStripeTest {

    @Test
    void aStoreKeysStripeIsTheStripeOfTheSameBytesInABuffer() {
        Random random = new Random(11);
        for (int n = 0; n < 5_000; n++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            random.nextBytes(bytes);
            int from = random.nextInt(bytes.length);
            assertThat(WatchedKeys.stripe(bytes, from)).as("%d bytes from %d", bytes.length, from)
                    .isEqualTo(WatchedKeys.stripe(Unpooled.wrappedBuffer(bytes, from, bytes.length - from)));
        }
        assertThat(WatchedKeys.stripe(new byte[] {'k'}, 1)).isEqualTo(WatchedKeys.stripe(Unpooled.EMPTY_BUFFER));
    }
}
