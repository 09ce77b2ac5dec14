package io.dynoj.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The "started in" line: each step costs the time since the previous one, the total counts from the JVM's launch. */
class StartupStepsTest {

    private final AtomicLong nanos = new AtomicLong(1_000);

    private void advanceMillis(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void eachStepCostsTheTimeSinceThePreviousAndTheTotalIncludesTheJvm() {
        StartupSteps steps = new StartupSteps(nanos::get, 420);
        advanceMillis(12);
        steps.done("event loops");
        advanceMillis(100);
        steps.done("datastore");
        advanceMillis(3);
        steps.done("client server");

        assertThat(steps.elapsedMillis()).isEqualTo(115);
        assertThat(steps.summary()).isEqualTo("started in 535 ms (JVM launch to node start 420 ms; event loops 12 ms, "
                + "datastore 100 ms, client server 3 ms)");
    }

    @Test
    void theRealClockCountsTheJvmUptimeBeforeTheNode() {
        StartupSteps steps = new StartupSteps();
        steps.done("nothing");
        assertThat(steps.summary()).matches("started in \\d+ ms \\(JVM launch to node start [1-9]\\d* ms; nothing \\d+ ms\\)");
    }
}
