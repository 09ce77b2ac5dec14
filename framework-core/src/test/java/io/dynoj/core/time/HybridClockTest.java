package io.dynoj.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The hybrid logical clock: wall time in the high bits, a counter below; never back, never twice; takes in peers'. */
class HybridClockTest {

    @Test
    void timestampsFollowTheWallClockInTheirHighBits() {
        AtomicLong wall = new AtomicLong(1_000);
        HybridClock clock = new HybridClock(wall::get);
        long t = clock.now();
        assertThat(HybridClock.physicalMillis(t)).isEqualTo(1_000);
        assertThat(t).isEqualTo(HybridClock.ofMillis(1_000));
        wall.set(2_000);
        assertThat(HybridClock.physicalMillis(clock.now())).isEqualTo(2_000);
    }

    @Test
    void aStoppedOrBackwardWallClockStillGivesIncreasingTimestamps() {
        AtomicLong wall = new AtomicLong(5_000);
        HybridClock clock = new HybridClock(wall::get);
        long a = clock.now();
        long b = clock.now();
        wall.set(4_000);
        long c = clock.now();
        assertThat(b).isEqualTo(a + 1);
        assertThat(c).isEqualTo(b + 1);
        assertThat(HybridClock.physicalMillis(c)).as("the counter, not the wall clock, moved").isEqualTo(5_000);
    }

    @Test
    void aPeersTimestampAheadOfOursIsTakenIn() {
        AtomicLong wall = new AtomicLong(1_000);
        HybridClock clock = new HybridClock(wall::get);
        long remote = HybridClock.ofMillis(9_000) + 3;
        clock.update(remote);
        assertThat(clock.now()).isEqualTo(remote + 1);
        clock.update(HybridClock.ofMillis(10));
        assertThat(clock.now()).as("an older peer timestamp changes nothing").isEqualTo(remote + 2);
    }

    @Test
    void concurrentCallersNeverGetTheSameTimestamp() throws InterruptedException {
        HybridClock clock = new HybridClock(() -> 7);
        long[][] seen = new long[4][10_000];
        Thread[] threads = new Thread[seen.length];
        for (int t = 0; t < threads.length; t++) {
            long[] mine = seen[t];
            threads[t] = new Thread(() -> {
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = clock.now();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(java.util.Arrays.stream(seen).flatMapToLong(java.util.Arrays::stream).distinct().count())
                .isEqualTo(40_000);
    }
}
