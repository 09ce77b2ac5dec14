package io.dynoj.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code memcached} on a loopback port (TCP only, 64 MB of cache).
 *
 * <pre>{@code
 * try (MemcachedServer memcached = MemcachedServer.start()) {
 *     connect(memcached.host(), memcached.port());
 * }
 * }</pre>
 */
public final class MemcachedServer extends ServerProcess {

    private static final String VERSION_PREFIX = "VERSION";

    private final String binary;
    private final List<String> options;

    private MemcachedServer(int port, List<String> options) {
        super("memcached", port);
        this.binary = Binaries.require("memcached", "memcached").toString();
        this.options = List.copyOf(options);
    }

    /**
     * Starts a server on a {@linkplain FreePorts#next() free port} and waits until it answers {@code version}.
     *
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or {@code memcached} is missing under CI
     */
    public static MemcachedServer start() {
        return start(FreePorts.next());
    }

    /**
     * Starts a server on the given port and waits until it answers {@code version}.
     *
     * @param port the loopback port to listen on
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or {@code memcached} is missing under CI
     */
    public static MemcachedServer start(int port) {
        return launched(new MemcachedServer(port, List.of()));
    }

    /**
     * Starts a server on a free port with extra command-line options, e.g. {@code "-o", "no_lru_maintainer"}.
     *
     * @param options memcached options added after the testkit's own
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or {@code memcached} is missing under CI
     */
    public static MemcachedServer startWith(String... options) {
        return launched(new MemcachedServer(FreePorts.next(), List.of(options)));
    }

    /**
     * Asks the running server for its version over a new connection.
     *
     * @return the version string, e.g. {@code 1.6.18}
     * @throws UncheckedIOException if the server cannot be reached
     * @throws IllegalStateException if the reply is not a {@code VERSION} line
     */
    public String version() {
        String line;
        try {
            line = versionLine();
        } catch (IOException e) {
            throw new UncheckedIOException("memcached on " + address() + " did not answer version", e);
        }
        if (!line.startsWith(VERSION_PREFIX + " ")) {
            throw new IllegalStateException("unexpected reply to version from " + address() + ": " + line);
        }
        return line.substring(VERSION_PREFIX.length() + 1);
    }

    /**
     * Reads {@code key} straight from this server, around any node in front of it: to see where a node
     * put a key.
     *
     * @return the value, or {@code null} if the server does not hold the key
     * @throws java.io.UncheckedIOException if the server cannot be reached
     * @throws IllegalStateException if the reply is not a {@code get} reply for {@code key}
     */
    public byte[] get(String key) {
        try (RawSocket socket = new RawSocket(host(), port())) {
            String header = socket.call("get " + key + "\r\n");
            if (header.equals("END")) {
                return null;
            }
            String[] parts = header.split(" ");
            if (parts.length < 4 || !parts[0].equals("VALUE") || !parts[1].equals(key)) {
                throw new IllegalStateException("unexpected reply to get " + key + " from " + address() + ": " + header);
            }
            byte[] value = socket.read(Integer.parseInt(parts[3])).getBytes(StandardCharsets.ISO_8859_1);
            String rest = socket.read(2) + socket.readLine();
            if (!rest.equals("\r\nEND")) {
                throw new IllegalStateException("unexpected end of get " + key + " from " + address() + ": " + rest);
            }
            return value;
        }
    }

    /**
     * Runs {@code flush_all} straight on this server.
     *
     * @throws IllegalStateException if it does not answer {@code OK}
     */
    public void flushAll() {
        try (RawSocket socket = new RawSocket(host(), port())) {
            String reply = socket.call("flush_all\r\n");
            if (!reply.equals("OK")) {
                throw new IllegalStateException("flush_all on " + address() + " answered " + reply);
            }
        }
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(binary,
                "-l", host(),
                "-p", Integer.toString(port()),
                "-U", "0",
                "-m", "64"));
        // memcached refuses to run as root unless told which user to be; elsewhere -u would be an error.
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        command.addAll(options);
        return command;
    }

    @Override
    protected boolean isReady() throws IOException {
        // With -Y (an auth file) memcached answers every command but an authenticating set with this, once it serves.
        String line = versionLine();
        return line.startsWith(VERSION_PREFIX) || line.equals("CLIENT_ERROR unauthenticated");
    }

    private String versionLine() throws IOException {
        return LineProbe.exchange(host(), port(), "version\r\n", LineProbe.DEFAULT_TIMEOUT);
    }
}
