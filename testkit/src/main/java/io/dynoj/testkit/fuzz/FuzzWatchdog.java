package io.dynoj.testkit.fuzz;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a fuzz target that does not return into a failure naming the input: a decoder must consume bytes or
 * wait for more, never loop. One daemon thread looks every 100 ms at the input under way; one that takes
 * longer than the limit is logged with the thread's stack, and the thread is stopped ({@code Thread.stop},
 * the only way to end a loop that does not look at interrupts; where the JDK no longer has it, the JVM
 * halts so that the run fails loudly instead of hanging). Cost per input: two volatile writes.
 */
public final class FuzzWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FuzzWatchdog.class);

    private final long limitNanos;
    private final Thread watcher;
    private volatile Thread target;
    private volatile byte[] input;
    private volatile long startedAt;
    private volatile boolean closed;

    public FuzzWatchdog(long limit, TimeUnit unit) {
        this.limitNanos = unit.toNanos(limit);
        this.watcher = new Thread(this::watch, "fuzz-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The current thread starts on {@code data}. */
    public void begin(byte[] data) {
        input = data;
        target = Thread.currentThread();
        startedAt = System.nanoTime();
    }

    /** The current input is done. */
    public void end() {
        target = null;
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            Thread stuck = target;
            if (stuck != null && System.nanoTime() - startedAt > limitNanos) {
                log.error("FUZZ HANG: input did not finish in {} ms: {}\n  at {}", TimeUnit.NANOSECONDS.toMillis(limitNanos),
                        HexFormat.of().formatHex(input), Arrays.toString(stuck.getStackTrace()));
                target = null;
                try {
                    stuck.stop();
                } catch (UnsupportedOperationException e) {
                    Runtime.getRuntime().halt(3);
                }
            }
        }
    }
}
