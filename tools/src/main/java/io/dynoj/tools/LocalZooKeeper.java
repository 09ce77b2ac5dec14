package io.dynoj.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * The ZooKeeper server of {@code dynoj local-cluster --topology zookeeper}: a standalone server in this
 * JVM (ZooKeeper's {@link ZooKeeperServerEmbedded}), its data under the cluster's directory, stopped
 * with the cluster. A demo convenience only: a real cluster's nodes talk to a ZooKeeper ensemble of its
 * own, on other machines. Not thread-safe; started and closed by {@link LocalCluster}.
 */
final class LocalZooKeeper implements AutoCloseable {

    /** The embedded server reports a failed start only as this timeout (the error itself is only logged). */
    private static final long START_TIMEOUT_MS = 15_000;

    private final ZooKeeperServerEmbedded server;
    private final String connectString;

    private LocalZooKeeper(ZooKeeperServerEmbedded server, String connectString) {
        this.server = server;
        this.connectString = connectString;
    }

    /**
     * Starts a server on {@code host:port} with its configuration and data in {@code dir}, and returns
     * once it serves requests.
     *
     * @throws IllegalStateException if it cannot start (the port taken, the directory not writable...)
     */
    static LocalZooKeeper start(String host, int port, Path dir) {
        // Checked first: the embedded server would only log the bind error, wait out its start timeout,
        // then hang in close() (ZooKeeper 3.9.5).
        if (!canBind(host, port)) {
            throw new IllegalStateException("cannot start the embedded ZooKeeper server on " + host + ":" + port
                    + ": the port is in use");
        }
        Properties config = new Properties();
        config.setProperty("tickTime", "1000");
        config.setProperty("clientPort", Integer.toString(port));
        config.setProperty("clientPortAddress", host);
        config.setProperty("dataDir", dir.resolve("data").toString());
        // Every demo node connects from the same address.
        config.setProperty("maxClientCnxns", "0");
        config.setProperty("maxCnxns", "0"); // the default (no limit), said so that it does not warn about it
        // Its HTTP admin server would want port 8080 (and Jetty, which is not shipped).
        config.setProperty("admin.enableServer", "false");
        // So that `echo srvr | nc HOST PORT` shows the server to someone trying the demo.
        config.setProperty("4lw.commands.whitelist", "ruok,srvr,stat,mntr,cons");
        ZooKeeperServerEmbedded server = null;
        try {
            Files.createDirectories(dir);
            // LOG_ONLY: a fatal server error must not System.exit the nodes' JVM.
            server = ZooKeeperServerEmbedded.builder().baseDir(dir).configuration(config)
                    .exitHandler(ExitHandler.LOG_ONLY).build();
            server.start(START_TIMEOUT_MS);
            return new LocalZooKeeper(server, host + ":" + port);
        } catch (Exception e) {
            closeInBackground(server);
            throw new IllegalStateException("cannot start the embedded ZooKeeper server on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** {@code host:port}, as the nodes' {@code zookeeper: connect:} names it. */
    String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        server.close();
    }

    /** After a failed start the server's close can wait forever on a thread that never ran; do not wait with it. */
    private static void closeInBackground(ZooKeeperServerEmbedded server) {
        if (server != null) {
            Thread closer = new Thread(server::close, "dynoj-zookeeper-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the server binds: a port in TIME_WAIT is free
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
