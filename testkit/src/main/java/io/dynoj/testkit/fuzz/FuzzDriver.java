package io.dynoj.testkit.fuzz;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a fuzz target over generated inputs in a plain test (the normal suite's short run; Jazzer drives the
 * same targets in the {@code fuzz} profile). Inputs are seeded random bytes, their length mostly small;
 * how many is {@code -Ddynoj.fuzz.inputs} (default {@value #DEFAULT_INPUTS}), the seed {@code -Ddynoj.fuzz.seed}.
 * A failing input is rethrown with its bytes in hex, to paste into a regression test.
 */
public final class FuzzDriver {

    public static final int DEFAULT_INPUTS = 10_000;

    private FuzzDriver() {
    }

    /** Runs {@code target} on {@code dynoj.fuzz.inputs} inputs; returns how many ran. */
    public static int run(Consumer<byte[]> target) {
        int inputs = Integer.getInteger("dynoj.fuzz.inputs", DEFAULT_INPUTS);
        long seed = Long.getLong("dynoj.fuzz.seed", 20261206L);
        Random random = new Random(seed);
        long wallStart = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (FuzzWatchdog watchdog = new FuzzWatchdog(10, TimeUnit.SECONDS)) {
            for (int i = 0; i < inputs; i++) {
                byte[] data = new byte[random.nextInt(8) == 0 ? random.nextInt(4096) : random.nextInt(256)];
                random.nextBytes(data);
                watchdog.begin(data);
                try {
                    target.accept(data);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("input #" + i + " (seed " + seed + ") failed: " + e + "\n  input: "
                            + HexFormat.of().formatHex(data), e);
                } finally {
                    watchdog.end();
                }
            }
        }
        // Wall time on a shared machine says little; the thread's CPU time is what the inputs cost.
        System.out.printf("fuzz: %d inputs in %d ms (%d ms of CPU)%n", inputs,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallStart),
                TimeUnit.NANOSECONDS.toMillis(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart));
        return inputs;
    }
}
