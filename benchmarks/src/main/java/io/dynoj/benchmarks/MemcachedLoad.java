package io.dynoj.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small memcached text-protocol load generator in the spirit of redis-benchmark: {@code -c}
 * connections (one thread each), each sending batches of {@code -P} pipelined requests and reading all
 * replies before the next batch, until {@code -n} requests in all. Keys are {@code key:<random below -r>},
 * values {@code -d} bytes. Prints one line per test:
 * {@code RESULT test=set P=16 requests=200000 rps=... p50_ms=... p99_ms=... errors=0}.
 * Latency is per batch (every request of a batch waits for the whole batch, as with redis-benchmark -P).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dynoj.benchmarks.MemcachedLoad -p PORT [-h HOST] [-t set,get]
 * [-n 200000] [-c 50] [-P 1] [-r 100000] [-d 64]}
 */
public final class MemcachedLoad {

    private String host = "127.0.0.1";
    private int port = 11211;
    private String[] tests = {"set", "get"};
    private int requests = 200_000;
    private int clients = 50;
    private int pipeline = 1;
    private int keyspace = 100_000;
    private int valueSize = 64;

    public static void main(String[] args) throws Exception {
        MemcachedLoad load = new MemcachedLoad();
        load.parse(args);
        for (String test : load.tests) {
            load.run(test);
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "-h" -> host = v;
                case "-p" -> port = Integer.parseInt(v);
                case "-t" -> tests = v.split(",");
                case "-n" -> requests = Integer.parseInt(v);
                case "-c" -> clients = Integer.parseInt(v);
                case "-P" -> pipeline = Integer.parseInt(v);
                case "-r" -> keyspace = Integer.parseInt(v);
                case "-d" -> valueSize = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
    }

    private void run(String test) throws Exception {
        int batches = Math.max(1, requests / pipeline);
        AtomicInteger batchesLeft = new AtomicInteger(batches);
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[clients][];
        CountDownLatch done = new CountDownLatch(clients);
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                try {
                    latencies[client] = runClient(test, batchesLeft, errors);
                } catch (IOException e) {
                    errors.incrementAndGet();
                    latencies[client] = new long[0];
                } finally {
                    done.countDown();
                }
            });
            threads[c].start();
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long sent = (long) batches * pipeline;
        System.out.printf("RESULT test=%s P=%d requests=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d%n",
                test, pipeline, sent, sent / (elapsed / 1e9), percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    private long[] runClient(String test, AtomicInteger batchesLeft, AtomicLong errors) throws IOException {
        long[] latencies = new long[1024];
        int count = 0;
        byte[] value = new byte[valueSize];
        Arrays.fill(value, (byte) 'x');
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            ReplyReader in = new ReplyReader(socket.getInputStream());
            StringBuilder batch = new StringBuilder();
            while (batchesLeft.getAndDecrement() > 0) {
                batch.setLength(0);
                for (int i = 0; i < pipeline; i++) {
                    String key = "key:" + ThreadLocalRandom.current().nextInt(keyspace);
                    if (test.equals("set")) {
                        batch.append("set ").append(key).append(" 0 0 ").append(valueSize).append("\r\n")
                                .append(new String(value, StandardCharsets.US_ASCII)).append("\r\n");
                    } else {
                        batch.append("get ").append(key).append("\r\n");
                    }
                }
                long t0 = System.nanoTime();
                out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < pipeline; i++) {
                    if (!(test.equals("set") ? in.storeReply() : in.getReply())) {
                        errors.incrementAndGet();
                    }
                }
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = System.nanoTime() - t0;
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
    }

    /** Reads memcached replies from a buffered stream. */
    private static final class ReplyReader {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;

        ReplyReader(InputStream in) {
            this.in = in;
        }

        boolean storeReply() throws IOException {
            return line().equals("STORED");
        }

        /** A miss (END) or one VALUE block then END. */
        boolean getReply() throws IOException {
            String line = line();
            if (line.equals("END")) {
                return true;
            }
            if (!line.startsWith("VALUE ")) {
                return false;
            }
            int bytes = Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
            skip(bytes + 2);
            return line().equals("END");
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos == limit) {
                    fill();
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append((char) b);
            }
        }

        private void skip(int n) throws IOException {
            while (n > 0) {
                if (pos == limit) {
                    fill();
                }
                int step = Math.min(n, limit - pos);
                pos += step;
                n -= step;
            }
        }

        private void fill() throws IOException {
            limit = in.read(buf);
            pos = 0;
            if (limit < 0) {
                throw new IOException("server closed the connection");
            }
        }
    }
}
