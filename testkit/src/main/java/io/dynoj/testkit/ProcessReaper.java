package io.dynoj.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kills every still-registered server process when the JVM exits, so a test that forgot {@code close()}
 * (or a JVM that is shutting down mid-test) never leaves a backend holding a port for the next run.
 */
final class ProcessReaper {

    private static final long GRACE_MILLIS = 2_000;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "dynoj-testkit-reaper"));
    }

    private ProcessReaper() {
    }

    static void register(Process process) {
        LIVE.add(process);
    }

    static void unregister(Process process) {
        LIVE.remove(process);
    }

    private static void reapAll() {
        List<Process> processes = List.copyOf(LIVE);
        // Signal all first so they shut down in parallel within one grace period.
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (Process process : processes) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            try {
                if (!process.waitFor(remaining, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
