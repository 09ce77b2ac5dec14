package io.dynoj.benchmarks;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * One measured run: {@code threads} threads share one client for {@code seconds}, each doing GET
 * ({@code readPercent} of the time) or SET of a random key below {@code keys} with a {@code valueSize}-byte value, one at a time.
 * Latencies are kept per thread (one long per operation) and merged at the end.
 *
 * @param ops       operations completed
 * @param errors    operations that threw
 * @param seconds   wall-clock length
 * @param latencies every operation's latency in ns, sorted
 */
record LoadRun(long ops, long errors, double seconds, long[] latencies) {

    static LoadRun run(UnifiedJedis client, int threads, double seconds, int keys, int valueSize, int readPercent) throws InterruptedException {
        byte[] value = new byte[valueSize];
        Arrays.fill(value, (byte) 'x');
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        Thread[] all = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            all[t] = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (long now = System.nanoTime(); now < end; ) {
                    byte[] key = ("key:" + random.nextInt(keys)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    try {
                        if (random.nextInt(100) < readPercent) {
                            client.get(key);
                        } else {
                            client.set(key, value);
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    long done = System.nanoTime();
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = done - now;
                    now = done;
                }
                perThread[me] = lat;
                counts[me] = n;
            }, "load-" + t);
            all[t].start();
        }
        for (Thread t : all) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] merged = new long[(int) total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread[t], 0, merged, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(merged);
        return new LoadRun(total - errors.get(), errors.get(), took, merged);
    }

    double opsPerSecond() {
        return ops / seconds;
    }

    /** The latency at quantile {@code q} in microseconds. */
    double micros(double q) {
        return latencies.length == 0 ? 0 : latencies[(int) Math.min(latencies.length - 1, q * latencies.length)] / 1000.0;
    }
}
