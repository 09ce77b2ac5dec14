package io.dynoj.core.peer;

import io.dynoj.core.config.HostPort;
import java.util.Objects;

/**
 * Who a node is on the peer protocol, as its hello says: the cluster it belongs to, its node id (apart
 * from its tokens) and the address its peer server listens on. Immutable.
 *
 * @param clusterName {@code cluster_name}: peers of another cluster are refused
 * @param nodeId {@code node_id}: two live nodes may not share one
 * @param peerAddress where the node's peer server listens (port 0 when it has none)
 */
public record PeerIdentity(String clusterName, String nodeId, HostPort peerAddress) {

    public PeerIdentity {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(peerAddress, "peerAddress");
    }

    @Override
    public String toString() {
        return nodeId + " at " + peerAddress + " of cluster '" + clusterName + "'";
    }
}
