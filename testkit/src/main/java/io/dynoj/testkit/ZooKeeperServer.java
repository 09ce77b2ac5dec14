package io.dynoj.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real standalone ZooKeeper server, Debian's {@code zookeeper} package (3.8 on Debian 12, its jars under
 * {@code /usr/share/java}), as a separate JVM on a loopback port: so that a test can kill it with SIGKILL
 * ({@link #crash()}), which an in-process server cannot survive.
 *
 * <p>Its {@code zoo.cfg} and data directory are in a temporary directory that {@link #close()} deletes.
 * {@link #restart()}, after {@link #stop()} or {@link #crash()} too, keeps both and the port: the server
 * reloads its snapshot and transaction log, so the znodes, and the sessions of clients that reconnect within
 * their timeout (with their ephemeral znodes), survive a quick restart. Session timeouts may be from
 * {@link #MIN_SESSION_TIMEOUT} to {@link #MAX_SESSION_TIMEOUT} (the tick is 500 ms, short enough for a test
 * to watch a session expire). The four-letter words {@code ruok, srvr, stat, mntr, cons, conf, dump, wchs,
 * envi} are allowed ({@link #fourLetterWord}); the admin HTTP server is off.
 *
 * <pre>{@code
 * try (ZooKeeperServer zk = ZooKeeperServer.start()) {
 *     CuratorFrameworkFactory.newClient(zk.connectString(), ...);
 *     zk.crash();
 *     zk.restart();
 * }
 * }</pre>
 *
 * <p>Not thread-safe beyond what {@link ServerProcess} guarantees: start, stop, crash and restart it from
 * one test thread.
 */
public final class ZooKeeperServer extends ServerProcess {

    /** Where Debian's {@code zookeeper} package (through {@code libzookeeper-java}) puts the server's jar. */
    public static final Path JAR = Path.of("/usr/share/java/zookeeper.jar");
    /** The shortest session timeout the server grants (2 ticks). */
    public static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(1);
    /** The longest session timeout the server grants; a client asking for more gets this. */
    public static final Duration MAX_SESSION_TIMEOUT = Duration.ofSeconds(60);

    private static final String MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";
    /** The jar's manifest names its libraries but no SLF4J binding; with this one the server logs to our log file. */
    private static final Path SLF4J_SIMPLE = Path.of("/usr/share/java/slf4j-simple.jar");
    private static final Duration WORD_TIMEOUT = Duration.ofSeconds(5);

    private final Path jar;
    private final Path baseDir;
    private final Path dataDir;
    private final Path config;

    private ZooKeeperServer(int port) {
        super("zookeeper", port);
        this.jar = Binaries.requireFile(JAR, "zookeeper");
        this.baseDir = TempDirectories.create("dynoj-zookeeper-" + port + "-");
        this.dataDir = baseDir.resolve("data");
        this.config = baseDir.resolve("zoo.cfg");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(config, zooCfg(port, dataDir));
        } catch (IOException e) {
            TempDirectories.deleteQuietly(baseDir);
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    /**
     * Starts a server on a {@linkplain FreePorts#next() free port} and waits until it serves requests.
     *
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or the {@code zookeeper} package is missing under CI
     */
    public static ZooKeeperServer start() {
        return start(FreePorts.next());
    }

    /**
     * Starts a server on the given port and waits until it serves requests.
     *
     * @param port the loopback port to listen on
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or the {@code zookeeper} package is missing under CI
     */
    public static ZooKeeperServer start(int port) {
        return launched(new ZooKeeperServer(port));
    }

    /** @return the client connect string, {@code 127.0.0.1:<port>}; the same across restarts */
    public String connectString() {
        return address();
    }

    /** @return the data directory (snapshots and transaction log), kept across restarts and crashes */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the server's configuration file */
    public Path configFile() {
        return config;
    }

    /**
     * Sends a four-letter word over a new connection and returns the whole reply (the server closes the
     * connection after it).
     *
     * @param word e.g. {@code ruok} (answer {@code imok}) or {@code srvr}
     * @return the reply text
     * @throws UncheckedIOException if the server cannot be reached or does not answer within 5 seconds
     */
    public String fourLetterWord(String word) {
        try {
            return exchange(word);
        } catch (IOException e) {
            throw new UncheckedIOException("zookeeper on " + address() + " did not answer " + word, e);
        }
    }

    /** The configuration every start reads; exposed to tests and to the report of what was run. */
    static String zooCfg(int port, Path dataDir) {
        return "# Written by dynoj testkit's ZooKeeperServer\n"
                + "tickTime=500\n"
                + "minSessionTimeout=" + MIN_SESSION_TIMEOUT.toMillis() + "\n"
                + "maxSessionTimeout=" + MAX_SESSION_TIMEOUT.toMillis() + "\n"
                + "dataDir=" + dataDir + "\n"
                + "clientPort=" + port + "\n"
                + "clientPortAddress=127.0.0.1\n"
                // Tests open many clients from one address; the default limit of 60 would refuse some.
                + "maxClientCnxns=0\n"
                // Its Jetty server would take port 8080, shared by every test JVM.
                + "admin.enableServer=false\n"
                + "4lw.commands.whitelist=ruok,srvr,stat,mntr,cons,conf,dump,wchs,envi\n"
                // SIGKILL leaves the page cache to the kernel, so a crash loses nothing without fsync;
                // only a power cut would, and fsync per write makes a busy test disk the bottleneck.
                + "forceSync=no\n";
    }

    @Override
    protected List<String> command() {
        String classPath = Files.isRegularFile(SLF4J_SIMPLE) ? jar + ":" + SLF4J_SIMPLE : jar.toString();
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small server for a few test clients; C1 only and the serial collector start it sooner.
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-Dzookeeper.log.dir=" + baseDir,
                "-cp", classPath, MAIN, config.toString());
    }

    @Override
    protected Duration startupTimeout() {
        return Duration.ofSeconds(30); // a JVM, and a log replay after a crash, on a busy two-core machine
    }

    /**
     * {@code srvr}: a server that listens but is not serving yet (still loading its data) answers "This ZooKeeper
     * instance is not currently serving requests" instead of its version.
     */
    @Override
    protected boolean isReady() throws IOException {
        return LineProbe.exchange(host(), port(), "srvr", LineProbe.DEFAULT_TIMEOUT).startsWith("Zookeeper version:");
    }

    @Override
    protected void onClose() {
        TempDirectories.deleteQuietly(baseDir);
    }

    private String exchange(String word) throws IOException {
        int millis = Math.toIntExact(WORD_TIMEOUT.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port()), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
