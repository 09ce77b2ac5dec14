package io.dynoj.core.topology;

import io.dynoj.core.config.HostPort;
import java.util.List;
import java.util.Objects;

/**
 * One node of the cluster as the ring sees it.
 *
 * @param id its identity apart from its tokens ({@code node_id}): a node whose tokens change keeps it,
 *     a replacement at another address has another one
 * @param dc its datacenter
 * @param rack its rack (unique within the datacenter)
 * @param peerAddress where its peer port ({@code dyn_listen}) is
 * @param tokens its 32-bit unsigned tokens
 * @param local whether this is the node the process runs
 */
public record ClusterNode(String id, String dc, String rack, HostPort peerAddress, List<Long> tokens, boolean local) {

    public ClusterNode {
        Objects.requireNonNull(id, "id");
        tokens = List.copyOf(tokens);
    }

    /** A node whose id is the default one, {@code dc/rack/host:port} (as {@code node_id} defaults). */
    public ClusterNode(String dc, String rack, HostPort peerAddress, List<Long> tokens, boolean local) {
        this(defaultId(dc, rack, peerAddress), dc, rack, peerAddress, tokens, local);
    }

    /** The id a node has when its configuration names none. */
    public static String defaultId(String dc, String rack, HostPort peerAddress) {
        return dc + "/" + rack + "/" + peerAddress;
    }

    /** {@code dc/rack/host:port}, how logs and errors name a node. */
    public String name() {
        return dc + "/" + rack + "/" + peerAddress;
    }

    /** The same node holding {@code newTokens}. */
    public ClusterNode withTokens(List<Long> newTokens) {
        return new ClusterNode(id, dc, rack, peerAddress, newTokens, local);
    }

    /** The same node seen from another node ({@code local} false), or from itself (true). */
    public ClusterNode seenAsLocal(boolean isLocal) {
        return isLocal == local ? this : new ClusterNode(id, dc, rack, peerAddress, tokens, isLocal);
    }

    @Override
    public String toString() {
        return name() + (local ? " (local)" : "");
    }
}
