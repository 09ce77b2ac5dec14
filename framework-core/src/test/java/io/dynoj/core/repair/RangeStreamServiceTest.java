package io.dynoj.core.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A stopping node releases the STREAM requests it will not serve and answers them with an error. */
class RangeStreamServiceTest {

    private final CountDownLatch scanning = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);

    /** A store whose first use blocks the stream thread until it is interrupted. */
    private RangeStore blockingStore() {
        scanning.countDown();
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("interrupted");
    }

    private static ByteBuf countRequest() {
        return StreamCodec.tree(ByteBufAllocator.DEFAULT, TokenRange.all(), 1);
    }

    @Test
    void closeReleasesQueuedRequestsAndFailsTheirAnswers() throws Exception {
        RangeStreamService service = new RangeStreamService(new RangeOps(this::blockingStore, k -> 0, () -> 0));
        ByteBuf running = countRequest();
        ByteBuf queued = countRequest();
        CompletableFuture<ByteBuf> first = service.answer(running);
        scanning.await();
        CompletableFuture<ByteBuf> second = service.answer(queued);

        service.close();

        assertThat(queued.refCnt()).isZero();
        assertThat(second).isCompletedExceptionally();
        await().atMost(Duration.ofSeconds(10)).until(first::isDone);
        assertThat(first).isCompletedExceptionally();
        assertThat(running.refCnt()).isZero();

        ByteBuf late = countRequest();
        assertThat(service.answer(late)).isCompletedExceptionally();
        assertThat(late.refCnt()).isZero();
    }
}
