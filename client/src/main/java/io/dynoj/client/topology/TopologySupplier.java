package io.dynoj.client.topology;

import java.io.IOException;

/**
 * Where the client learns the cluster (Dyno's "token map supplier"). The default asks the seeds'
 * {@code /cluster_describe} ({@link SeedTopologySupplier}); {@code io.dynoj.client.zookeeper.ZooKeeperTopologySupplier}
 * reads the nodes' registrations in ZooKeeper instead.
 *
 * <p>Threading: called from the client's refresh thread, one call at a time (and once from the thread
 * that builds the client); it may block up to its own timeouts. The client that uses it closes it with
 * itself.
 */
public interface TopologySupplier extends AutoCloseable {

    /**
     * The cluster as it is now.
     *
     * @throws IOException when no source answers; the message names every source tried and why it failed
     */
    DescribedCluster describe() throws IOException;

    /** Releases what the supplier holds open (a ZooKeeper session); by default nothing. */
    @Override
    default void close() {
    }
}
