package io.dynoj.tools;

import io.dynoj.core.spi.ServerLauncher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server processes behind the nodes of a local cluster whose datastore is a server (redis-server,
 * memcached...): started as the datastore's {@link ServerLauncher} says, stopped with the cluster.
 */
final class ServerProcesses implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 10_000;

    private final List<Process> processes = new ArrayList<>();

    /** Starts one server on {@code host:port}, and waits until it accepts connections. */
    void start(ServerLauncher launcher, String host, int port) throws IOException, InterruptedException {
        List<String> command = launcher.command(host, port);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (is it installed and on the PATH?): " + e.getMessage(), e);
        }
        processes.add(process);
        awaitListening(command.get(0), process, host, port);
    }

    /** Polls the port: a server process gives no other sign that it is ready. */
    private static void awaitListening(String name, Process process, String host, int port)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException(name + " on port " + port + " exited with code " + process.exitValue());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " on port " + port + " did not start listening within "
                            + START_TIMEOUT_MS + " ms");
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
