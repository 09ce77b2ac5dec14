package io.dynoj.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);

    private final Path binary;
    private final Path dataDir;

    private RedisServer(int port) {
        super("redis-server", port);
        this.binary = Binaries.require("redis-server", "redis-server");
        try {
            this.dataDir = Files.createTempDirectory("dynoj-redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for redis-server", e);
        }
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
     * Opens a new connection to this server; the caller closes it.
     *
     * @return a connected client
     */
    public RespClient client() {
        return new RespClient(host(), port());
    }

    @Override
    protected List<String> command() {
        return List.of(binary.toString(),
                "--port", Integer.toString(port()),
                "--bind", host(),
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "no",
                "--dir", dataDir.toString());
    }

    @Override
    protected boolean isReady() throws IOException {
        // While loading, Redis answers -LOADING instead of +PONG; that is not ready.
        return "+PONG".equals(LineProbe.exchange(host(), port(), "PING\r\n", LineProbe.DEFAULT_TIMEOUT));
    }

    @Override
    protected void onClose() {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is harmless; failing the test over it would not be.
            log.warn("could not delete redis data directory {}", dataDir, e);
        }
    }
}
