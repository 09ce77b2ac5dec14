package io.dynoj.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class KeyLocksTest {

    @Test
    void locksEachStripeOnceInAscendingOrder() {
        KeyLocks locks = new KeyLocks(16);
        assertThat(locks.lockAll(new int[] {9, 3, 9, 1, 3})).containsExactly(1, 3, 9);
        assertThat(locks.lockAll(new int[] {4})).containsExactly(4);
        assertThat(locks.lockAll(new int[0])).isEmpty();
    }

    @Test
    void aKeyInABufferHasTheStripeOfItsBytes() {
        KeyLocks locks = new KeyLocks(4096);
        for (String key : new String[] {"", "k", "user:1000", "\u00e9t\u00e9", "a-much-longer-key-{tag}-0123456789"}) {
            byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            io.netty.buffer.ByteBuf framed = io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {'x'}, bytes, new byte[] {'y'});
            io.netty.buffer.ByteBuf slice = framed.slice(1, bytes.length);
            assertThat(locks.stripe(slice)).as(key).isEqualTo(locks.stripe(bytes));
            framed.release();
        }
    }

    @Test
    void aLockedStripeMakesOtherThreadsWaitUntilUnlocked() throws Exception {
        KeyLocks locks = new KeyLocks(16);
        int stripe = locks.stripe("key".getBytes());
        int[] held = locks.lockAll(new int[] {stripe});
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            locks.lock(stripe);
            locks.unlock(stripe);
        });
        try {
            other.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("another thread took a held stripe");
        } catch (TimeoutException expected) {
            // still waiting, as it must
        }
        locks.unlockAll(held);
        other.get(10, TimeUnit.SECONDS);
        assertThat(other).isCompleted();
    }
}
