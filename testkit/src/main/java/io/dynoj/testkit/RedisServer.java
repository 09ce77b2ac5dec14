package io.dynoj.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on a loopback port, without persistence, with its working directory in a
 * temporary directory that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start(); RespClient client = redis.client()) {
 *     client.call("SET", "k", "v");
 * }
 * }</pre>
 */
public final class RedisServer extends ServerProcess {

    private final Path binary;
    private final Path dataDir;
    /** Extra arguments (the TLS port and its files); empty for a plain server. */
    private final List<String> extra;
    private final int tlsPort;

    private RedisServer(int port) {
        this(port, 0, List.of());
    }

    private RedisServer(int port, int tlsPort, List<String> extra) {
        super("redis-server", port);
        this.binary = Binaries.require("redis-server", "redis-server");
        this.dataDir = TempDirectories.create("dynoj-redis-" + port + "-");
        this.tlsPort = tlsPort;
        this.extra = extra;
    }

    /**
     * A server on a free plain port (probed for readiness) and a free TLS port ({@link #tlsPort()}) presenting
     * {@code certFile}/{@code keyFile} and requiring clients' certificates signed by {@code caFile} (Redis's
     * default {@code tls-auth-clients yes}). Needs a redis-server built with TLS (Debian's is).
     */
    public static RedisServer startTls(Path certFile, Path keyFile, Path caFile) {
        int tlsPort = FreePorts.next();
        return launched(new RedisServer(FreePorts.next(), tlsPort, List.of("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", certFile.toString(), "--tls-key-file", keyFile.toString(),
                "--tls-ca-cert-file", caFile.toString())));
    }

    /** The TLS port of a {@link #startTls} server; 0 for a plain one. */
    public int tlsPort() {
        return tlsPort;
    }

    /**
     * Starts a server on a {@linkplain FreePorts#next() free port} and waits until it answers {@code PING}.
     *
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or {@code redis-server} is missing under CI
     */
    public static RedisServer start() {
        return start(FreePorts.next());
    }

    /**
     * Starts a server on the given port and waits until it answers {@code PING}.
     *
     * @param port the loopback port to listen on
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or {@code redis-server} is missing under CI
     */
    public static RedisServer start(int port) {
        return launched(new RedisServer(port));
    }

    /**
     * Starts a server on a free port with extra command-line options, e.g. {@code "--requirepass", "pw"}.
     *
     * @param options redis-server options added after the testkit's own
     * @return the running server
     */
    public static RedisServer startWith(String... options) {
        return launched(new RedisServer(FreePorts.next(), 0, List.of(options)));
    }

    /**
     * Opens a new connection to this server; the caller closes it.
     *
     * @return a connected client
     */
    public RespClient client() {
        return new RespClient(host(), port());
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(port()),
                "--bind", host(),
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "no",
                "--dir", dataDir.toString()));
        command.addAll(extra);
        return command;
    }

    @Override
    protected boolean isReady() throws IOException {
        // While loading, Redis answers -LOADING instead of +PONG; that is not ready. With requirepass it answers
        // -NOAUTH once it serves.
        String answer = LineProbe.exchange(host(), port(), "PING\r\n", LineProbe.DEFAULT_TIMEOUT);
        return "+PONG".equals(answer) || (answer != null && answer.startsWith("-NOAUTH"));
    }

    @Override
    protected void onClose() {
        TempDirectories.deleteQuietly(dataDir);
    }
}
