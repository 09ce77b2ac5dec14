package io.dynoj.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpirySweeperTest {

    @Test
    void slowsDownWhileNothingExpiresAndSpeedsUpWhenSomethingDoes() {
        long delay = ExpirySweeper.MIN_DELAY_MS;
        for (int i = 0; i < 20; i++) {
            delay = ExpirySweeper.nextDelay(delay, 0, ExpirySweeper.MAX_DELAY_MS);
        }
        assertThat(delay).isEqualTo(ExpirySweeper.MAX_DELAY_MS);
        assertThat(ExpirySweeper.nextDelay(delay, 3, ExpirySweeper.MAX_DELAY_MS)).isEqualTo(ExpirySweeper.MIN_DELAY_MS);
        assertThat(ExpirySweeper.nextDelay(ExpirySweeper.MIN_DELAY_MS, 0, ExpirySweeper.MAX_DELAY_MS)).isEqualTo(2 * ExpirySweeper.MIN_DELAY_MS);
    }

    @Test
    void keepsSweepingAfterAFailure() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch threeSweeps = new CountDownLatch(3);
        CommandEngine engine = new CommandEngine() {
            @Override
            public ByteBuf execute(Request request, ByteBufAllocator alloc) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int removeExpired(int budget) {
                threeSweeps.countDown();
                if (calls.incrementAndGet() == 1) {
                    throw new StoreException("database unavailable");
                }
                return 1;
            }
        };
        try (ExpirySweeper sweeper = new ExpirySweeper("test", engine, 200)) {
            sweeper.start();
            // After the failure it waits the longest delay (200 ms here), then sweeps every 100 ms again.
            assertThat(threeSweeps.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
