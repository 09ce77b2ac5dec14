package io.dynoj.redis.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's CPU time and resident memory for INFO: from {@code /proc/self} on Linux (as
 * Redis's getrusage gives them: system and user time, of the process and of its waited-for
 * children), else from the JVM's management beans. Stateless.
 */
final class ProcessStats {

    /** Linux's USER_HZ, the unit of /proc's CPU times, on every architecture Dynoj runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long PAGE_SIZE = 4096;

    private ProcessStats() {
    }

    /** {sys, user, sys of children, user of children} in seconds. */
    static double[] cpuSeconds() {
        String stat = read("/proc/self/stat");
        if (stat != null) {
            // Fields after the command name (which may hold spaces), from field 3: utime is 14.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if (f.length > 14) {
                return new double[] {ticks(f[12]), ticks(f[11]), ticks(f[14]), ticks(f[13])};
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return new double[] {0, os.getProcessCpuTime() / 1e9, 0, 0};
        }
        return new double[4];
    }

    /** Resident set size in bytes, or the heap in use when unknown. */
    static long rssBytes() {
        String statm = read("/proc/self/statm");
        if (statm != null) {
            String[] f = statm.trim().split(" ");
            if (f.length > 1) {
                return Long.parseLong(f[1]) * PAGE_SIZE;
            }
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long totalSystemMemory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    private static double ticks(String field) {
        return Long.parseLong(field) / TICKS_PER_SECOND;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
