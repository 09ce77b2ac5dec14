package io.dynoj.client.routing;

import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import java.util.List;

/**
 * Which nodes may serve an operation, best first (Dyno's load-balancing strategy). The client tries them in
 * this order, skipping nodes marked down or in a maintenance state that refuses the operation while others
 * remain, within its {@link RetryPolicy}. Implementations are called on the application's threads
 * concurrently and must be thread-safe; they must not block.
 */
@FunctionalInterface
public interface LoadBalancer {

    /** Never empty. */
    List<Host> candidates(ClusterView view, Operation operation);

    /** The default: straight to the node that serves the key ({@link Placement}). */
    static LoadBalancer tokenAware() {
        return new TokenAwareLoadBalancer(false, false);
    }

    /**
     * As {@link #tokenAware()}, but writes go to the key's owner in the local rack too, which forwards them
     * to the key's primary: one hop per write, and in exchange, at DC_ONE, the node answers once the local
     * rack has the write, so the client's next read (in that rack) sees it.
     */
    static LoadBalancer tokenAwareLocalWrites() {
        return new TokenAwareLoadBalancer(false, true);
    }

    /**
     * Ignores keys: the nodes of the local rack in turn, each forwarding to the owner (what a plain Redis
     * client of one node does, spread over the rack); for comparisons and for clusters whose placement the
     * client cannot follow.
     */
    static LoadBalancer roundRobin() {
        return new TokenAwareLoadBalancer(true, false);
    }
}
