package io.dynoj.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the client connections' write fence costs on a pipelined SET/GET mix through a cluster of three
 * racks (one node each, in this JVM; every key's primary is rack 1, the load enters through rack 2, so
 * every SET takes the hop to the primary). Each connection sends batches of {@code -P} requests,
 * alternating {@code SET k v} and {@code GET k}, and reads the batch's replies before the next:
 * <ul>
 *   <li>{@code random}: the SET's and the GET's keys drawn apart from {@code -r} keys (reads are held
 *       only when their key looks written: the fence's bookkeeping and its false sharing);</li>
 *   <li>{@code same}: each GET reads the key the SET before it wrote (every read is held: the price of
 *       reading one's own writes; stale reads are counted, and expected only without the fence).</li>
 * </ul>
 * The fence is switched per connection ({@code dynoj.write_fence} is read when a connection opens), so
 * both sides run on the same nodes, interleaved round by round (which side goes first alternates).
 * Prints each run (requests/s, the CPU the nodes' threads spent per request, the share of requests the
 * fence held), then per load the
 * median over rounds of each side and of the per-round ratios fenced/unfenced, with their spread.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dynoj.benchmarks.WriteFenceLoad [-n 200000] [-c 8] [-P 16]
 * [-r 100000] [-rounds 5] [-store memory|redis]} (redis: a redis-server per node, on PATH or /usr/bin).
 */
public final class WriteFenceLoad {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private int requests = 200_000;
    private int clients = 8;
    private int pipeline = 16;
    private int keyspace = 100_000;
    private int rounds = 5;
    private String store = "memory";
    private LocalRacks racks;

    public static void main(String[] args) throws Exception {
        WriteFenceLoad load = new WriteFenceLoad();
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "-n" -> load.requests = Integer.parseInt(v);
                case "-c" -> load.clients = Integer.parseInt(v);
                case "-P" -> load.pipeline = Integer.parseInt(v);
                case "-r" -> load.keyspace = Integer.parseInt(v);
                case "-rounds" -> load.rounds = Integer.parseInt(v);
                case "-store" -> load.store = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (LocalRacks racks = new LocalRacks(load.store, b -> b)) {
            load.racks = racks.start();
            load.run();
        }
    }

    private void run() throws Exception {
        int entry = racks.node(1).clientAddress().getPort();
        for (String test : new String[] {"random", "same"}) {
            measure(entry, test, false);
            measure(entry, test, true); // warm-up of both sides, not reported
            double[][] rps = new double[2][rounds];
            double[][] cpu = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int side = (r + k) % 2; // 0 unfenced, 1 fenced
                    double[] m = measure(entry, test, side == 1);
                    rps[side][r] = m[0];
                    cpu[side][r] = m[1];
                    System.out.printf("run %-6s round %d fence %-3s %9.0f req/s %6.0f node CPU ns/req stale %d "
                            + "held %.1f %%%n", test, r, side == 1 ? "on" : "off", m[0], m[1], (long) m[2], m[3]);
                }
            }
            summary(test, "req/s", rps);
            summary(test, "node CPU ns/req", cpu);
        }
    }

    private static void summary(String test, String what, double[][] sides) {
        double[] ratio = new double[sides[0].length];
        for (int r = 0; r < ratio.length; r++) {
            ratio[r] = sides[1][r] / sides[0][r];
        }
        double[] sorted = ratio.clone();
        Arrays.sort(sorted);
        System.out.printf("SUMMARY %-6s %-15s off %9.0f  on %9.0f  on/off median %.3f (rounds %.3f..%.3f)%n",
                test, what, median(sides[0]), median(sides[1]), median(ratio), sorted[0], sorted[sorted.length - 1]);
    }

    /** One run: {requests/s, node CPU ns per request, stale reads, % of requests held}. */
    private double[] measure(int port, String test, boolean fence) throws Exception {
        System.setProperty("dynoj.write_fence", Boolean.toString(fence));
        List<Client> conns = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            conns.add(new Client(port, c, test.equals("same"))); // opened (and fenced or not) before timing
        }
        int batches = requests / clients / pipeline;
        AtomicLong stale = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long held0 = held();
        long cpu0 = nodeCpu();
        long t0 = System.nanoTime();
        for (Client c : conns) {
            Thread t = new Thread(() -> stale.addAndGet(c.run(batches)), "load-" + threads.size());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        long cpu = nodeCpu() - cpu0;
        for (Client c : conns) {
            c.close();
        }
        long done = (long) batches * pipeline * clients;
        return new double[] {done * 1e9 / wall, (double) cpu / done, stale.get(), 100.0 * (held() - held0) / done};
    }

    private long held() {
        return racks.node(1).metrics().counter("client.requests.held").getCount();
    }

    /** CPU time of the nodes' threads (their event loops), so the client threads' CPU does not count. */
    private static long nodeCpu() {
        long sum = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("dynoj-")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One pipelining connection: SET then GET, {@code pipeline / 2} pairs per batch. */
    private final class Client implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final int id;
        private final boolean sameKey;
        private long serial;

        Client(int port, int id, boolean sameKey) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.id = id;
            this.sameKey = sameKey;
            out.write(command("PING"));
            reply(); // the node has set the connection up (fence or not) before the property changes
        }

        /** Sends {@code batches} batches; answers the GETs that did not read the SET before them. */
        long run(int batches) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long stale = 0;
            try {
                for (int b = 0; b < batches; b++) {
                    String[] written = new String[pipeline / 2];
                    StringBuilder batch = new StringBuilder();
                    for (int i = 0; i < pipeline / 2; i++) {
                        String value = id + ":" + serial++;
                        String key = sameKey ? "same:" + id + ":" + i % 4 : "key:" + random.nextInt(keyspace);
                        written[i] = value;
                        batch.append(resp("SET", key, value));
                        batch.append(resp("GET", sameKey ? key : "key:" + random.nextInt(keyspace)));
                    }
                    out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < pipeline / 2; i++) {
                        reply();
                        String read = reply();
                        if (sameKey && !written[i].equals(read)) {
                            stale++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return stale;
        }

        /** One reply: a bulk string's text, or the line of a status or error ({@code -ERR} fails the run). */
        private String reply() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                line.append((char) c);
            }
            in.read(); // \n
            if (line.charAt(0) == '-') {
                throw new IOException("error reply: " + line);
            }
            if (line.charAt(0) != '$') {
                return line.toString();
            }
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) {
                return null;
            }
            byte[] data = in.readNBytes(length + 2);
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }

        private byte[] command(String... args) {
            return resp(args).getBytes(StandardCharsets.UTF_8);
        }

        private static String resp(String... args) {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
