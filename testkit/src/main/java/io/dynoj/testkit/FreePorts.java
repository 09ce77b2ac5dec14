package io.dynoj.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Hands out free loopback TCP ports for test servers. */
public final class FreePorts {

    private static final int MAX_ATTEMPTS = 100;

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
            int port = probe();
            if (HANDED_OUT.add(port)) {
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
