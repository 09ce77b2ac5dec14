package io.dynoj.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external server process on a fixed loopback port, for integration tests.
 *
 * <p>Output (stdout and stderr) goes to {@code target/testkit-logs/<name>-<port>.log} relative to the working
 * directory; a failed start includes the tail of that log in its exception. The process can be {@link #stop()
 * stopped} and {@link #restart() started again} on the same port, which is how tests simulate a backend failure.
 * {@link #close()} stops it for good. A JVM shutdown hook kills whatever is still running, so no process outlives
 * the test JVM.
 *
 * <p>Subclasses provide the command line and a readiness probe; they usually offer static factories that
 * construct and {@linkplain #launch() launch} in one step, via {@link #launched(ServerProcess)}.
 */
public abstract class ServerProcess implements AutoCloseable {

    /** How long a server gets to answer its readiness probe unless a subclass says otherwise. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration CRASH_WAIT = Duration.ofSeconds(30);
    private static final long PROBE_INTERVAL_MILLIS = 25;
    private static final int LOG_TAIL_LINES = 40;
    private static final int LOG_TAIL_BYTES = 16 * 1024;

    private final String name;
    private final int port;
    private final Path logFile;

    private Process process;
    private boolean launchedBefore;
    private boolean closed;
    private boolean frozen;

    /**
     * @param name short name used in log file names and messages, e.g. {@code redis-server}
     * @param port the loopback port the server will listen on
     */
    protected ServerProcess(String name, int port) {
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.name = name;
        this.port = port;
        this.logFile = Path.of("target", "testkit-logs", name + "-" + port + ".log").toAbsolutePath();
    }

    /**
     * The full command line, executable first. Called on every launch.
     *
     * @return the command and its arguments
     */
    protected abstract List<String> command();

    /**
     * One readiness probe, e.g. a protocol ping. Called repeatedly until it returns {@code true}, the process
     * exits, or the {@linkplain #startupTimeout() startup timeout} passes.
     *
     * @return {@code true} once the server serves requests
     * @throws IOException if the server cannot be reached yet; treated like {@code false}
     */
    protected abstract boolean isReady() throws IOException;

    /**
     * @return the deadline for {@link #isReady()} after the process has been started
     */
    protected Duration startupTimeout() {
        return DEFAULT_STARTUP_TIMEOUT;
    }

    /** Releases resources other than the process (temporary directories, ...). Called once by {@link #close()}. */
    protected void onClose() {
    }

    /** @return the short name given at construction */
    public final String name() {
        return name;
    }

    /** @return the address the server binds, always {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the port the server listens on; stays the same across restarts */
    public final int port() {
        return port;
    }

    /** @return {@code host:port}, e.g. {@code 127.0.0.1:6379} */
    public String address() {
        return host() + ":" + port;
    }

    /** @return the absolute path of the file receiving the server's stdout and stderr */
    public final Path logFile() {
        return logFile;
    }

    /** @return {@code true} while the process has been started and has not exited */
    public final synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the process and waits until it is ready.
     *
     * @throws IllegalStateException if it is already running or closed, the port is taken, the process exits
     *                               early, or it is not ready in time (the message includes the log tail)
     */
    protected final synchronized void launch() {
        if (closed) {
            throw new IllegalStateException(name + " on port " + port + " is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException(name + " on port " + port + " is already running");
        }
        // Without this check, a foreign server on the port would answer our readiness probe.
        if (!FreePorts.isFree(port)) {
            throw new IllegalStateException("cannot start " + name + ": port " + port + " is already in use");
        }
        Process started = spawn();
        try {
            awaitReady(started);
        } catch (RuntimeException | Error e) {
            terminate(started);
            process = null;
            throw e;
        }
        log.info("{} ready on {} (pid {}, log {})", name, address(), started.pid(), logFile);
    }

    /**
     * Starts the server again on the same port, stopping it first if it is running.
     *
     * @throws IllegalStateException as {@link #launch()}
     */
    public final synchronized void restart() {
        stop();
        launch();
    }

    /**
     * Stops the process: SIGTERM, up to 5 seconds' grace, then SIGKILL. Does nothing if it is not running.
     * The server can be started again with {@link #restart()}.
     */
    public final synchronized void stop() {
        if (process != null) {
            if (frozen && process.isAlive()) {
                thaw(); // a stopped process would sit out SIGTERM's whole grace period
            }
            frozen = false;
            terminate(process);
            log.info("{} on {} stopped", name, address());
            process = null;
        }
    }

    /**
     * Kills the process with SIGKILL, as a crash would (no shutdown: nothing flushed, no goodbye to clients),
     * and returns once it has exited. {@link #restart()} starts it again on the same port and, for a server
     * with a data directory, the same data.
     *
     * @throws IllegalStateException if it is not running, or does not exit within 30 seconds
     */
    public final synchronized void crash() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " on port " + port + " is not running");
        }
        Process target = process;
        target.destroyForcibly(); // SIGKILL on Unix; it also ends a frozen process
        try {
            if (!target.waitFor(CRASH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " on port " + port + " (pid " + target.pid()
                        + ") did not exit within " + CRASH_WAIT + " of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " on port " + port + " to die", e);
        }
        ProcessReaper.unregister(target);
        process = null;
        frozen = false;
        log.info("{} on {} killed (SIGKILL)", name, address());
    }

    /**
     * Suspends the process with SIGSTOP, as a hung server: its connections stay open and the kernel still
     * accepts new ones, but nothing is answered. Returns once every thread of the process is stopped.
     * {@link #thaw()} lets it go on; {@link #stop()} and {@link #close()} thaw it first.
     *
     * @throws IllegalStateException if it is not running or the signal cannot be sent
     */
    public final synchronized void freeze() {
        Signals.stop(pid());
        frozen = true;
    }

    /** Resumes a {@linkplain #freeze() frozen} process (SIGCONT); harmless on one that is not frozen. */
    public final synchronized void thaw() {
        Signals.send(pid(), "CONT");
        frozen = false;
    }

    /**
     * @return the running process's id
     * @throws IllegalStateException if it is not running
     */
    protected final synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " on port " + port + " is not running");
        }
        return process.pid();
    }

    /** Stops the process and releases everything else; idempotent. The server cannot be restarted afterwards. */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            onClose();
        }
    }

    /**
     * Launches {@code server}, closing it if the launch fails so nothing is left behind.
     *
     * @param server a freshly constructed server
     * @param <S>    its type
     * @return the same server, running and ready
     */
    protected static <S extends ServerProcess> S launched(S server) {
        try {
            server.launch();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private Process spawn() {
        try {
            Files.createDirectories(logFile.getParent());
            // The first launch truncates a stale log from an earlier build; restarts append to keep the history.
            ProcessBuilder.Redirect output = launchedBefore
                    ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                    : ProcessBuilder.Redirect.to(logFile.toFile());
            ProcessBuilder builder = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(output);
            Process started = builder.start();
            ProcessReaper.register(started);
            started.getOutputStream().close(); // servers never read stdin; an open pipe would only leak a handle
            launchedBefore = true;
            process = started;
            log.debug("started {}: {}", name, builder.command());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " on port " + port, e);
        }
    }

    private void awaitReady(Process started) {
        Duration timeout = startupTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastProbeFailure = null;
        while (true) {
            if (!started.isAlive()) {
                throw new IllegalStateException(name + " on port " + port + " exited with code "
                        + started.exitValue() + " before it was ready" + logTail());
            }
            try {
                // Re-check liveness after a successful probe: the reply must come from our process.
                if (isReady() && started.isAlive()) {
                    return;
                }
            } catch (IOException e) {
                lastProbeFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException(name + " on port " + port + " not ready within " + timeout
                        + logTail(), lastProbeFailure);
            }
            pauseUnlessExited(started);
        }
    }

    /** Paces the readiness poll; waiting on the process (not sleeping) returns at once if it dies. */
    private void pauseUnlessExited(Process started) {
        try {
            started.waitFor(PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " on port " + port, e);
        }
    }

    private void terminate(Process target) {
        try {
            target.destroy();
            if (!target.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} on {} ignored SIGTERM for {}; killing it", name, address(), STOP_GRACE);
                target.destroyForcibly();
                target.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            target.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            ProcessReaper.unregister(target);
        }
    }

    private String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            // Only the end matters, and a chatty server's log can be large.
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[Math.toIntExact(file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            // Decoding via new String(...) replaces malformed bytes instead of failing on them.
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int from = Math.max(0, lines.length - LOG_TAIL_LINES);
            return "\n--- last " + (lines.length - from) + " lines of " + logFile + " ---\n"
                    + String.join("\n", Arrays.asList(lines).subList(from, lines.length));
        } catch (IOException e) {
            return "\n(log " + logFile + " unreadable: " + e + ")";
        }
    }
}
