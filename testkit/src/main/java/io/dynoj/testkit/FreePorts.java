package io.dynoj.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out free loopback TCP ports for test servers, below the kernel's ephemeral range: a port from
 * that range, free when probed, can be taken as the local port of an outgoing connection (a node
 * retrying to connect to a peer that is not up yet) before its server binds it, which failed a
 * cluster start with "Address already in use".
 */
public final class FreePorts {

    private static final int MAX_ATTEMPTS = 100;
    /** Lowest port handed out: above the well-known and most registered service ports. */
    private static final int LOWEST = 10_000;
    private static final int EPHEMERAL_LOW = ephemeralLow();
    /** Where the next search starts; random per JVM so that JVMs running at once rarely meet. */
    private static final AtomicInteger CURSOR = new AtomicInteger(
            EPHEMERAL_LOW - LOWEST > 1000 ? ThreadLocalRandom.current().nextInt(EPHEMERAL_LOW - LOWEST) : 0);

    /**
     * Ports returned by {@link #next()} in this JVM. The kernel may give the same ephemeral port twice once the
     * probe socket is closed, so without this two fixtures started back to back could collide.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * Returns a TCP port on 127.0.0.1 that is free right now and has not been returned before in this JVM.
     *
     * @return the port number
     * @throws IllegalStateException if no such port could be found
     */
    public static int next() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = EPHEMERAL_LOW - LOWEST > 1000 ? belowEphemeral() : probe();
            if (port > 0 && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no unused loopback port after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Tells whether a listener could bind the port on 127.0.0.1 now.
     *
     * @param port the port to check
     * @return {@code true} if binding it (with {@code SO_REUSEADDR}, as servers do) succeeds
     */
    public static boolean isFree(int port) {
        try {
            bind(port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next port below the ephemeral range that a listener could bind now, or -1 after a few tries. */
    private static int belowEphemeral() {
        int span = EPHEMERAL_LOW - LOWEST;
        for (int i = 0; i < 50; i++) {
            int port = LOWEST + Math.floorMod(CURSOR.getAndIncrement(), span);
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                return port;
            }
        }
        return -1;
    }

    /**
     * The first port of the kernel's ephemeral range (Linux), or 32768 where it cannot be read. Read by
     * lines: Files.readString of a /proc file returned only its first byte here (its size shows as 0).
     */
    private static int ephemeralLow() {
        try {
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    private static int probe() {
        try (ServerSocket socket = bind(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // Must be set before bind; matches how Redis and Memcached bind, so TIME_WAIT does not count as busy.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
