package io.dynoj.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Timer;
import org.junit.jupiter.api.Test;

class ReplyTimingsTest {

    @Test
    void everyQueuedReplyIsTimedAtTheFlushHoweverManyWereQueued() {
        ReplyTimings timings = new ReplyTimings();
        Timer get = new Timer();
        Timer set = new Timer();
        timings.flushed(); // nothing queued yet: nothing timed, nothing taken
        long start = System.nanoTime();
        for (int i = 0; i < 37; i++) { // past the first capacity and two growths
            timings.queued(i % 2 == 0 ? get : set, start);
            timings.queued(null, start); // untimed: not counted
        }
        timings.flushed();
        assertThat(get.getCount()).isEqualTo(19);
        assertThat(set.getCount()).isEqualTo(18);
        timings.flushed();
        assertThat(get.getCount()).as("a reply is timed once").isEqualTo(19);
        timings.queued(get, start);
        timings.flushed();
        assertThat(get.getCount()).isEqualTo(20);
        assertThat(get.getSnapshot().getMin()).isGreaterThanOrEqualTo(0);
    }
}
