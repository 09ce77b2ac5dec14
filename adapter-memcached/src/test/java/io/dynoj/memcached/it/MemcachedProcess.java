package io.dynoj.memcached.it;

import io.dynoj.testkit.MemcachedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What tests do to a testkit {@link MemcachedServer} beyond stop and restart: stall it (SIGSTOP) and
 * let it go on (SIGCONT), and talk to it directly, around the node.
 */
public final class MemcachedProcess {

    private MemcachedProcess() {
    }

    /** The pid of the memcached the testkit started on {@code server}'s port (a child of this JVM). */
    public static long pid(MemcachedServer server) {
        String port = Integer.toString(server.port());
        Optional<ProcessHandle> match = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> isOurs(List.of(args), port)).orElse(false))
                .findFirst();
        return match.orElseThrow(() -> new IllegalStateException("no memcached process on port " + port)).pid();
    }

    private static boolean isOurs(List<String> args, String port) {
        int p = args.indexOf("-p");
        return p >= 0 && p + 1 < args.size() && args.get(p + 1).equals(port);
    }

    /** Freezes the process, as a server that hangs would: connections stay open, nothing is answered. */
    public static void pause(MemcachedServer server) {
        signal("-STOP", pid(server));
    }

    public static void resume(MemcachedServer server) {
        signal("-CONT", pid(server));
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code get key} straight to the server and returns the value, or {@code null} on a miss: to see
     * where the node put a key.
     */
    public static byte[] rawGet(MemcachedServer server, String key) {
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            if (header.equals("END")) {
                return null;
            }
            String[] parts = header.split(" ");
            if (parts.length < 4 || !parts[0].equals("VALUE") || !parts[1].equals(key)) {
                throw new IllegalStateException("unexpected reply to get " + key + ": " + header);
            }
            byte[] value = in.readNBytes(Integer.parseInt(parts[3]));
            readLine(in);
            String end = readLine(in);
            if (!end.equals("END")) {
                throw new IllegalStateException("unexpected end of get " + key + ": " + end);
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach memcached " + server.address(), e);
        }
    }

    /** Runs {@code flush_all} straight on the server. */
    public static void flushAll(MemcachedServer server) {
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("flush_all\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = readLine(socket.getInputStream());
            if (!reply.equals("OK")) {
                throw new IllegalStateException("flush_all answered " + reply);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach memcached " + server.address(), e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.append((char) b);
        }
        int len = line.length();
        return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
    }
}
