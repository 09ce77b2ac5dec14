package io.dynoj.client.topology;

import java.io.IOException;

/**
 * Where the client learns the cluster (Dyno's "token map supplier"). The default asks the seeds'
 * {@code /cluster_describe} ({@link SeedTopologySupplier}); a ZooKeeper-backed supplier can take its place
 * once the coordinator exists.
 *
 * <p>Threading: called from the client's refresh thread, one call at a time (and once from the thread
 * that builds the client); it may block up to its own timeouts.
 */
public interface TopologySupplier {

    /**
     * The cluster as it is now.
     *
     * @throws IOException when no source answers; the message names every source tried and why it failed
     */
    DescribedCluster describe() throws IOException;
}
