package io.dynoj.benchmarks;

import com.codahale.metrics.Gauge;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.node.DynojNode;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * What an idle client connection costs a node: a node in this JVM, {@code -n} connections opened to it by a
 * python3 process (so that no client-side object is in this heap), each sending one PING and reading its
 * PONG, then left open and silent. Before and after: a class histogram of the live heap (the JVM's own
 * {@code GC.class_histogram}, which runs a full GC first), the heap in use after it, the process's RSS and,
 * when the JVM runs with {@code -XX:NativeMemoryTracking=summary}, the committed memory of each native
 * category. Prints bytes per connection in all and for the classes that grew most.
 *
 * <p>A first round of {@code -warm} connections is opened and closed before measuring, so that the classes
 * the accept path loads and the code the JIT compiles for it are not counted as the connections' cost.
 *
 * <p>Usage: {@code java -XX:NativeMemoryTracking=summary -cp benchmarks.jar io.dynoj.benchmarks.ConnectionFootprint
 * [-n 10000] [-warm 2000] [-top 20] [-idle-timeout MS] [-io-threads N]}
 */
public final class ConnectionFootprint {

    private static final ObjectName DIAGNOSTICS = name("com.sun.management:type=DiagnosticCommand");
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern NMT_LINE = Pattern.compile("^(?:-\\s+(.+?) \\(|(Total): )reserved=\\d+KB, committed=(\\d+)KB");

    /** Opens N connections, PINGs each, prints "open" once all answered, keeps them until stdin closes. */
    private static final String CLIENTS = String.join("\n",
            "import resource, socket, sys",
            "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)",
            "resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))",
            "port, n, socks = int(sys.argv[1]), int(sys.argv[2]), []",
            "for i in range(n):",
            "    s = socket.create_connection(('127.0.0.1', port))",
            "    s.sendall(b'*1\\r\\n$4\\r\\nPING\\r\\n')",
            "    socks.append(s)",
            "for s in socks:",
            "    if not s.recv(16).startswith(b'+PONG'):",
            "        sys.exit('a connection got no PONG')",
            "print('open', flush=True)",
            "sys.stdin.read()",
            "");

    private int connections = 10_000;
    private int warm = 2_000;
    private int top = 20;
    private long idleTimeoutMillis;
    private int ioThreads;

    public static void main(String[] args) throws Exception {
        ConnectionFootprint f = new ConnectionFootprint();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> f.connections = Integer.parseInt(args[i + 1]);
                case "-warm" -> f.warm = Integer.parseInt(args[i + 1]);
                case "-top" -> f.top = Integer.parseInt(args[i + 1]);
                case "-idle-timeout" -> f.idleTimeoutMillis = Long.parseLong(args[i + 1]);
                case "-io-threads" -> f.ioThreads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        f.run();
    }

    private void run() throws Exception {
        Path script = Files.createTempFile("dynoj-clients", ".py");
        Files.writeString(script, CLIENTS);
        DynojNode node = new DynojNode(NodeConfig.builder().datastoreType("memory")
                .listen(new HostPort("127.0.0.1", 0)).statsListen(new HostPort("127.0.0.1", 0))
                .dynListen(new HostPort("127.0.0.1", 0)).clientIdleTimeoutMillis(idleTimeoutMillis)
                .ioThreads(ioThreads).build()).start();
        try {
            InetSocketAddress address = node.clientAddress();
            if (warm > 0) {
                try (Clients c = Clients.open(script, address.getPort(), warm)) {
                    // opened and answered: the accept and PING paths have run
                }
                awaitOpen(node, 0);
            }
            Snapshot before = Snapshot.take();
            Snapshot after;
            DirectPeak peak = DirectPeak.start();
            try (Clients c = Clients.open(script, address.getPort(), connections)) {
                awaitOpen(node, connections);
                peak.stop();
                after = Snapshot.take();
            }
            report(before, after);
            System.out.printf("Direct memory in use: %.1f MiB before, %.1f MiB at most while the connections"
                            + " opened (sampled every ms), %.1f MiB after%n", before.directBytes / 1048576.0,
                    peak.max / 1048576.0, after.directBytes / 1048576.0);
        } finally {
            node.close();
            Files.deleteIfExists(script);
        }
    }

    /** Waits until the node counts {@code open} client connections (closing ones are gone from its heap then). */
    private static void awaitOpen(DynojNode node, long open) throws InterruptedException {
        Gauge<?> gauge = node.metrics().getGauges().get("client.connections");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (((Number) gauge.getValue()).longValue() != open) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the node still counts " + gauge.getValue() + " connections");
            }
            Thread.sleep(10); // polling a gauge; nothing is timed here
        }
    }

    private void report(Snapshot before, Snapshot after) {
        double n = connections;
        long histogram = after.histogramBytes() - before.histogramBytes();
        System.out.printf("%d idle connections (each answered one PING), io threads %s, idle timeout %d ms%n",
                connections, ioThreads == 0 ? "default" : ioThreads, idleTimeoutMillis);
        System.out.printf("RESULT live heap (class histogram) +%.1f MiB: %.0f B per connection; heap used +%.1f MiB;"
                        + " RSS +%.1f MiB (%.0f B per connection)%n", histogram / 1048576.0, histogram / n,
                (after.heapUsed - before.heapUsed) / 1048576.0, (after.rssKb - before.rssKb) / 1024.0,
                (after.rssKb - before.rssKb) * 1024 / n);
        System.out.printf("%-72s %12s %12s%n", "class", "B/conn", "inst/conn");
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.histogram.entrySet()) {
            long[] b = before.histogram.getOrDefault(e.getKey(), new long[2]);
            grown.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]}));
        }
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
            System.out.printf("%-72s %12.1f %12.2f%n", e.getKey(), e.getValue()[1] / n, e.getValue()[0] / n);
        }
        if (!after.nativeKb.isEmpty()) {
            System.out.println("native memory committed (NMT), change in KiB:");
            after.nativeKb.forEach((category, kb) -> {
                long delta = kb - before.nativeKb.getOrDefault(category, 0L);
                if (delta != 0) {
                    System.out.printf("  %-28s %+10d%n", category, delta);
                }
            });
        }
    }

    /** The node's memory at one moment, after a full GC. */
    private record Snapshot(Map<String, long[]> histogram, long heapUsed, long rssKb, Map<String, Long> nativeKb,
                            long directBytes) {

        static Snapshot take() throws Exception {
            Map<String, long[]> histogram = readHistogram();
            long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Snapshot(histogram, heapUsed, readRssKb(), readNativeMemory(), directMemoryUsed());
        }

        long histogramBytes() {
            return histogram.values().stream().mapToLong(v -> v[1]).sum();
        }

        private static Map<String, long[]> readHistogram() throws Exception {
            Map<String, long[]> classes = new HashMap<>();
            for (String line : diagnostic("gcClassHistogram").split("\n")) {
                Matcher m = HISTOGRAM_LINE.matcher(line);
                if (m.find()) {
                    // A class of the same name in two loaders is one line each: counted together.
                    classes.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            return classes;
        }

        private static Map<String, Long> readNativeMemory() throws Exception {
            Map<String, Long> kb = new HashMap<>();
            for (String line : diagnostic("vmNativeMemory", "summary").split("\n")) {
                Matcher m = NMT_LINE.matcher(line.trim());
                if (m.find()) {
                    kb.put(m.group(1) != null ? m.group(1) : m.group(2), Long.parseLong(m.group(3)));
                }
            }
            return kb;
        }

        private static long readRssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        }
    }

    /** Direct memory in use: Netty's own count where it allocates without cleaners, else the JDK's direct buffers. */
    private static long directMemoryUsed() {
        long netty = PlatformDependent.usedDirectMemory();
        if (netty >= 0) {
            return netty;
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                return pool.getMemoryUsed();
            }
        }
        return -1;
    }

    private static String diagnostic(String operation, String... args) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(DIAGNOSTICS, operation,
                new Object[] {args}, new String[] {String[].class.getName()});
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The most direct memory Netty had allocated at once, sampled on a thread of its own until {@link #stop}. */
    private static final class DirectPeak implements Runnable {
        private final Thread thread = new Thread(this, "direct-peak");
        private volatile boolean running = true;
        private volatile long max;

        static DirectPeak start() {
            DirectPeak p = new DirectPeak();
            p.thread.setDaemon(true);
            p.thread.start();
            return p;
        }

        @Override
        public void run() {
            while (running) {
                max = Math.max(max, directMemoryUsed());
                try {
                    Thread.sleep(1); // a sampling period, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /** The python3 process holding the connections open; closing it closes them and waits for its exit. */
    private record Clients(Process process, OutputStream stdin) implements AutoCloseable {

        static Clients open(Path script, int port, int n) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("python3", script.toString(), Integer.toString(port), Integer.toString(n))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"open".equals(line)) {
                p.destroy();
                throw new IllegalStateException("the clients did not open (exit " + p.waitFor() + ")");
            }
            return new Clients(p, p.getOutputStream());
        }

        @Override
        public void close() throws IOException, InterruptedException {
            stdin.close();
            process.waitFor();
        }
    }
}
