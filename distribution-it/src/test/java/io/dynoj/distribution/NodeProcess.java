package io.dynoj.distribution;

import io.dynoj.testkit.RespClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bin/dynoj -c FILE} process that a test can SIGKILL ({@link #kill()}) and start again on the
 * same ports and data ({@link #start()}); ready when its client port answers PING. Its logs go to its own
 * directory ({@code DYNOJ_LOG_DIR}), its heap is small ({@code DYNOJ_HEAP}) and it compiles with C1 only, so
 * several start together on one small machine.
 * A JVM shutdown hook kills whatever is still running.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(300);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Path home;
    private final Path config;
    private final Path logDir;
    private final int clientPort;
    private Process process;

    NodeProcess(Path home, Path config, Path logDir, int clientPort) {
        this.home = home;
        this.config = config;
        this.logDir = logDir;
        this.clientPort = clientPort;
    }

    /** Starts the process; does not wait (see {@link #awaitReady()}). */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node on " + clientPort + " is running");
        }
        try {
            Files.createDirectories(logDir);
            // env execs bin/dynoj, which execs java: the process is the JVM itself, so a kill reaches it.
            process = new ProcessBuilder(List.of("env", "DYNOJ_LOG_DIR=" + logDir, "DYNOJ_HEAP=192m",
                    "DYNOJ_DIRECT_MEMORY=128m",
                    // C1 only: six node JVMs start at once on a small machine; JIT threads would starve them.
                    "JAVA_OPTS=-XX:TieredStopAtLevel=1", home.resolve("bin/dynoj").toString(), "-c", config.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("console.log").toFile()))
                    .start();
            process.getOutputStream().close();
            RUNNING.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bin/dynoj -c " + config, e);
        }
    }

    /** Waits until the node answers PING; fails with its console output if it exits or takes too long. */
    void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("node " + config + " exited with " + p.exitValue() + ": " + console());
            }
            try (RespClient c = new RespClient("127.0.0.1", clientPort)) {
                if ("PONG".equals(c.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            try {
                p.waitFor(100, TimeUnit.MILLISECONDS); // returns at once if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("node " + config + " not ready within " + READY_WITHIN + ": " + console());
    }

    /** SIGKILL, as a crash or the OOM killer would; returns once the process is gone. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        RUNNING.remove(process);
    }

    /** SIGSTOP: the process freezes (its sockets stay open, as in a long GC pause); returns once it is stopped. */
    synchronized void pause() {
        io.dynoj.testkit.Signals.stop(process.pid());
    }

    /** SIGCONT after {@link #pause()}. */
    synchronized void resume() {
        io.dynoj.testkit.Signals.send(process.pid(), "CONT");
    }

    private String console() {
        try {
            String text = Files.readString(logDir.resolve("console.log"));
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }
}
