package io.dynoj.core.topology;

import io.dynoj.core.config.HostPort;
import java.util.List;

/**
 * One node of the cluster as the ring sees it.
 *
 * @param dc its datacenter
 * @param rack its rack (unique within the datacenter)
 * @param peerAddress where its peer port ({@code dyn_listen}) is
 * @param tokens its 32-bit unsigned tokens
 * @param local whether this is the node the process runs
 */
public record ClusterNode(String dc, String rack, HostPort peerAddress, List<Long> tokens, boolean local) {

    public ClusterNode {
        tokens = List.copyOf(tokens);
    }

    /** {@code dc/rack/host:port}, how logs and errors name a node. */
    public String name() {
        return dc + "/" + rack + "/" + peerAddress;
    }

    @Override
    public String toString() {
        return name() + (local ? " (local)" : "");
    }
}
