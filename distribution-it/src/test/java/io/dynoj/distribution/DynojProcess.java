package io.dynoj.distribution;

import io.dynoj.testkit.RespClient;
import io.dynoj.testkit.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code bin/dynoj -c FILE} of an unpacked distribution, as a server process: ready when its client
 * port answers PING. {@link #close()} sends SIGTERM, as systemd or Ctrl-C would.
 */
final class DynojProcess extends ServerProcess {

    private final Path home;
    private final Path config;

    private DynojProcess(Path home, Path config, int clientPort) {
        super("dynoj", clientPort);
        this.home = home;
        this.config = config;
    }

    static DynojProcess start(Path home, Path config, int clientPort) {
        return launched(new DynojProcess(home, config, clientPort));
    }

    @Override
    protected List<String> command() {
        return List.of(home.resolve("bin/dynoj").toString(), "-c", config.toString());
    }

    @Override
    protected boolean isReady() throws IOException {
        try (RespClient client = new RespClient(host(), port())) {
            return "PONG".equals(client.ping());
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
    }

    /** The JVM's process id (bin/dynoj execs java). */
    long processId() {
        return pid();
    }

    /** A JVM start on a busy two-core machine takes seconds. */
    @Override
    protected Duration startupTimeout() {
        return Duration.ofSeconds(90);
    }
}
