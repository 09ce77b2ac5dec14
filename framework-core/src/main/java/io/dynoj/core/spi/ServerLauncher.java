package io.dynoj.core.spi;

import java.util.List;

/**
 * How to start a throwaway server of one datastore type on this machine, for a demo cluster
 * ({@code dynoj local-cluster}) whose nodes each front a server. Optional: an adapter whose
 * datastore is a server registers one (with {@code @AutoService(ServerLauncher.class)}), and is
 * found with {@link java.util.ServiceLoader} by {@link #type()}. Thread-safe.
 */
public interface ServerLauncher {

    /** The {@link DatastoreProvider#type() datastore type} whose server this starts, e.g. {@code "redis"}. */
    String type();

    /**
     * The command line of a server that listens on {@code host:port} and keeps nothing on disk. Its
     * first element is the program, looked up on the {@code PATH}; the caller runs it, waits until
     * the port accepts connections, and stops it with the cluster.
     */
    List<String> command(String host, int port);
}
