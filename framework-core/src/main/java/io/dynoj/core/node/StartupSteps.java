package io.dynoj.core.node;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What each step of a node's start cost, for the node's one "started in" log line: a restart is part of
 * every failure's recovery time, and an operator whose node starts slowly should see which step it was
 * (docs/PERFORMANCE.md, start-up). Used by the thread that starts the node only; not thread-safe.
 */
final class StartupSteps {

    private final LongSupplier nanoClock;
    private final long jvmUptimeAtBeginMillis;
    private final long begin;
    private long last;
    private final StringBuilder steps = new StringBuilder();

    /** Begins now; the JVM's uptime (launch to now: JVM, class loading, command line, plugins, configuration) is kept. */
    StartupSteps() {
        this(System::nanoTime, ManagementFactory.getRuntimeMXBean().getUptime());
    }

    StartupSteps(LongSupplier nanoClock, long jvmUptimeMillis) {
        this.nanoClock = nanoClock;
        this.jvmUptimeAtBeginMillis = jvmUptimeMillis;
        this.begin = nanoClock.getAsLong();
        this.last = begin;
    }

    /** Step {@code name} has ended: it cost the time since the previous step ended (or since the beginning). */
    void done(String name) {
        long now = nanoClock.getAsLong();
        steps.append(steps.length() == 0 ? "" : ", ").append(name).append(' ').append(millis(now - last));
        last = now;
    }

    /** Milliseconds since the beginning. */
    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - begin);
    }

    /**
     * E.g. {@code started in 812 ms (JVM launch to node start 590 ms; event loops 12 ms, datastore 101 ms, ...)}:
     * the total counts from the JVM's launch.
     */
    String summary() {
        return "started in " + (jvmUptimeAtBeginMillis + elapsedMillis()) + " ms (JVM launch to node start "
                + jvmUptimeAtBeginMillis + " ms; " + steps + ")";
    }

    private static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }
}
