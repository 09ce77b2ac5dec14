import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the distribution's class-data sharing archive, {@code lib/dynoj.jsa} (run by the distribution
 * build through antrun, as a single-file Java program, after the plugins are in place):
 *
 * <pre>
 *   java TrainCds.java --dist DIST_DIR
 * </pre>
 *
 * A training run: the distribution's own {@code bin/dynoj} starts a node on the embedded LevelDB store
 * with a peer port; finding no archive, it runs the JVM with {@code -XX:ArchiveClassesAtExit}. The node gets
 * some Redis commands and admin HTTP requests, then SIGTERM; at its exit the JVM writes every class it loaded
 * (the JDK's, lib/'s and the plugins') into the archive, parsed and verified, so later starts map them instead
 * of loading them (docs/PERFORMANCE.md, start-up). A second {@code bin/dynoj} adopts it and records what it
 * is for ({@code lib/dynoj.jsa.for}: Java 17 takes an archive only at the path it was made for, so an
 * installation elsewhere makes its own at its first node's exit, see bin/dynoj). Exit code 1 if the training
 * run fails; the node's output is printed then.
 */
public final class TrainCds {

    private static final long START_TIMEOUT_MS = 120_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--dist")) {
            System.err.println("usage: java TrainCds.java --dist DIST_DIR");
            System.exit(2);
        }
        Path dist = Path.of(args[1]).toAbsolutePath().normalize();
        Path archive = dist.resolve("lib/dynoj.jsa");
        Files.deleteIfExists(archive);
        Files.deleteIfExists(dist.resolve("lib/dynoj.jsa.for"));
        Path work = Files.createTempDirectory("dynoj-cds-training");
        long begin = System.nanoTime();
        try {
            train(dist, archive, work);
        } catch (IOException | IllegalStateException e) {
            System.err.println("TrainCds: " + e.getMessage());
            Path out = work.resolve("node.out");
            if (Files.exists(out)) {
                System.err.println(Files.readString(out));
            }
            System.exit(1);
        } finally {
            deleteTree(work);
        }
        System.out.printf("TrainCds: %s, %d MB, in %d ms%n", dist.relativize(archive), Files.size(archive) >> 20,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    static void train(Path dist, Path archive, Path work) throws IOException, InterruptedException {
        int client = freePort();
        int admin = freePort();
        int peer = freePort();
        Path conf = Files.writeString(work.resolve("training.yml"), String.join("\n",
                "training:",
                "  listen: 127.0.0.1:" + client,
                "  dyn_listen: 127.0.0.1:" + peer,
                "  stats_listen: 127.0.0.1:" + admin,
                "  data_store: redis",
                "  datastore: leveldb",
                "  data_dir: " + work.resolve("data"),
                "  tokens: '0'",
                ""));
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/dynoj").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("node.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("DYNOJ_HOME", dist.toString());
        env.put("DYNOJ_LOG_DIR", work.resolve("logs").toString());
        env.remove("JAVA_OPTS");
        env.remove("DYNOJ_CDS");   // on: with no archive there, bin/dynoj has the node write one at its exit
        Process node = pb.start();
        try {
            awaitPong(node, client);
            exercise(client);
            for (String path : List.of("/info", "/metrics", "/ring", "/cluster_describe")) {
                get(admin, path);
            }
        } finally {
            node.destroy();   // SIGTERM: the shutdown hook stops the node, then the JVM writes the archive
            if (!node.waitFor(120, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("the training node did not stop within 120 s of SIGTERM");
            }
        }
        // The next bin/dynoj adopts what the node wrote (lib/dynoj.jsa.<pid>.new) and says what it is for.
        Process adopt = new ProcessBuilder(dist.resolve("bin/dynoj").toString(), "-V")
                .redirectErrorStream(true).redirectOutput(work.resolve("adopt.out").toFile()).start();
        if (!adopt.waitFor(60, TimeUnit.SECONDS)) {
            adopt.destroyForcibly();
        }
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0 || !Files.isRegularFile(dist.resolve("lib/dynoj.jsa.for"))) {
            throw new IllegalStateException("the training node exited (" + node.exitValue() + ") without writing " + archive);
        }
    }

    private static void awaitPong(Process node, int port) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!node.isAlive()) {
                throw new IllegalStateException("the training node exited during start-up (" + node.exitValue() + ")");
            }
            try (Socket s = connect(port)) {
                if (call(s, "PING").startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the training node did not answer PING within " + START_TIMEOUT_MS + " ms");
    }

    /** Commands of the everyday request path, a few hundred times, each awaited; what they answer does not matter. */
    private static void exercise(int port) throws IOException {
        try (Socket s = connect(port)) {
            for (int i = 0; i < 300; i++) {
                String k = "cds:" + (i % 50);
                call(s, "SET", k, "value-" + i);
                call(s, "GET", k);
                call(s, "INCR", "cds:counter");
                call(s, "MSET", k + ":a", "1", k + ":b", "2");
                call(s, "MGET", k + ":a", k + ":b");
                call(s, "EXPIRE", k, "600");
                call(s, "TTL", k);
                call(s, "EXISTS", k);
                call(s, "DEL", k + ":a");
                call(s, "HSET", "cds:hash", "f" + (i % 10), "v");
                call(s, "HGET", "cds:hash", "f1");
            }
            call(s, "INFO");
            call(s, "DBSIZE");
            call(s, "NOSUCHCOMMAND");
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends one command and reads its reply's first chunk (enough: the training needs the command run, not parsed). */
    private static String call(Socket s, String... args) throws IOException {
        StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        int n = in.read(buf);
        if (n < 0) {
            throw new IOException("the training node closed the connection");
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static void get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        } finally {
            c.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
