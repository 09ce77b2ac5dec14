package io.dynoj.core.topology;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where a node learns the cluster: its config's seeds, an HTTP or DNS seed service, ZooKeeper. Made by
 * a {@link TopologySourceProvider}; one per node.
 *
 * <p>Contract: {@link #start} begins publishing whole {@link Topology} snapshots to the consumer it is
 * given, each with a higher {@link Topology#version() version} than the one before (the node ignores
 * one that is not, and counts it). Every snapshot holds the local node, marked
 * {@link ClusterNode#local() local}, with the tokens it serves. A source never publishes a half-known
 * cluster: when it cannot tell (its service is down) it publishes nothing, and the node keeps routing
 * on the last snapshot.
 *
 * <p>Threading: the node calls {@link #start}, {@link #serving} and {@link #close} once each, in that
 * order, from the thread that starts or stops it. A source publishes from a thread of its own, one
 * snapshot at a time; publishing returns once the node's links are ready for it, so it may take a
 * moment, and must not be done while holding a lock the node's I/O threads need.
 */
public interface TopologySource extends AutoCloseable {

    /**
     * Starts learning the cluster. The future completes once the first snapshot has been published; it
     * completes exceptionally when the source cannot make one (the node then fails to start). The
     * source bounds that wait itself (its own connection timeout).
     */
    CompletableFuture<Void> start(Consumer<Topology> publish);

    /**
     * The node serves clients at {@code client} and its admin port at {@code admin}: a source that
     * advertises members may add them now and say the node is serving.
     */
    default void serving(InetSocketAddress client, InetSocketAddress admin) {
    }

    /** Where snapshots come from, for logs and the admin API, e.g. {@code "zookeeper 10.0.0.1:2181/dynoj"}. */
    String describe();

    /** Stops publishing and lets go of what it holds (a session, a poller); a registered member leaves. */
    @Override
    void close();
}
