package io.dynoj.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Snapshot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Buckets, percentiles within the promised error, exact counts, windows that age out. */
class LatencyTimerTest {

    @Test
    void bucketsCoverEveryValueInOrderWithoutGaps() {
        long previousLowest = -1;
        for (int i = 0; i < LatencyBuckets.BUCKETS; i++) {
            long lowest = LatencyBuckets.lowest(i);
            assertThat(lowest).as("bucket %d", i).isGreaterThan(previousLowest);
            assertThat(LatencyBuckets.index(lowest)).as("bucket %d", i).isEqualTo(i);
            if (i > 0) {
                assertThat(LatencyBuckets.index(lowest - 1)).isEqualTo(i - 1);
            }
            assertThat(LatencyBuckets.middle(i)).isBetween(lowest, lowest + lowest / 16 + 1);
            previousLowest = lowest;
        }
        assertThat(LatencyBuckets.index(Long.MAX_VALUE)).isEqualTo(LatencyBuckets.BUCKETS - 1);
        assertThat(LatencyBuckets.index(0)).isZero();
    }

    @Test
    void percentilesAreWithinSixPercentAndMinMaxCountAreExact() {
        LatencyTimer timer = new LatencyTimer();
        for (int i = 1; i <= 10_000; i++) {
            timer.update(i, TimeUnit.MICROSECONDS);
        }
        timer.update(-5, TimeUnit.NANOSECONDS); // ignored, as Dropwizard's timers do
        Snapshot s = timer.getSnapshot();
        assertThat(timer.getCount()).isEqualTo(10_000);
        assertThat(s.getMin()).isEqualTo(1_000);
        assertThat(s.getMax()).isEqualTo(10_000_000);
        assertThat(s.getMedian()).isCloseTo(5_000_000, org.assertj.core.data.Percentage.withPercentage(6));
        assertThat(s.get99thPercentile()).isCloseTo(9_900_000, org.assertj.core.data.Percentage.withPercentage(6));
        assertThat(s.getValue(0)).isEqualTo(1_000);
        assertThat(s.getValue(1)).isEqualTo(10_000_000);
        assertThat(s.getMean()).isCloseTo(5_000_500, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(s.getValues()).isSorted().hasSize(s.size());
        assertThatThrownBy(() -> s.getValue(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oldWindowsAgeOutButTheCountStays() {
        AtomicLong now = new AtomicLong(1_000);
        LatencyTimer timer = new LatencyTimer(Duration.ofSeconds(60), now::get);
        timer.update(7, TimeUnit.SECONDS);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(timer.getSnapshot().getMax()).as("still the current window").isEqualTo(7_000_000_000L);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(timer.getSnapshot().getMax()).as("now the previous window").isEqualTo(7_000_000_000L);
        timer.update(3, TimeUnit.MILLISECONDS);
        assertThat(timer.getOneMinuteRate()).as("2 in the 60 s of both windows").isCloseTo(2 / 60.0,
                org.assertj.core.data.Offset.offset(1e-9));
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        Snapshot s = timer.getSnapshot();
        assertThat(s.getMax()).as("the 7 s recording is two windows old").isEqualTo(3_000_000);
        assertThat(timer.getCount()).isEqualTo(2);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(timer.getSnapshot().getMax()).as("nothing recent: zeros").isZero();
        assertThat(timer.getCount()).isEqualTo(2);
        assertThat(timer.getMeanRate()).isCloseTo(2 / 180.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anEmptyTimerReportsZeros() {
        Snapshot s = new LatencyTimer().getSnapshot();
        assertThat(s.getMedian()).isZero();
        assertThat(s.getMax()).isZero();
        assertThat(s.getMin()).isZero();
        assertThat(s.getMean()).isZero();
        assertThat(s.size()).isZero();
    }

    @Test
    void timingHelpersGoThroughTheSameRecording() throws Exception {
        LatencyTimer timer = new LatencyTimer();
        timer.time(() -> { });
        timer.timeSupplier(() -> 1);
        assertThat(timer.time(() -> 2)).isEqualTo(2);
        try (var context = timer.time()) {
            assertThat(context).isNotNull();
        }
        assertThat(timer.getCount()).isEqualTo(4);
        assertThat(timer.getMeanRate()).isPositive();
        assertThat(timer.getOneMinuteRate()).isPositive();
    }
}
