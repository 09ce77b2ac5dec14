package io.dynoj.coordinator.zookeeper;

import io.dynoj.core.config.HostPort;

/**
 * One token of one rack and the node that owns it: a persistent znode, so a node that died keeps its
 * tokens (and its keys stay where they are) until a replacement takes them.
 *
 * @param owner who owns it (the znode's JSON)
 * @param version the znode's data version, for compare-and-set
 */
public record TokenClaim(String dc, String rack, long token, Owner owner, int version) {

    /** The claim znode's content: the owner's node id and peer address. */
    public record Owner(String nodeId, String host, int peerPort) {

        public HostPort peerAddress() {
            return new HostPort(host, peerPort);
        }
    }

    public String ownerId() {
        return owner.nodeId();
    }

    boolean inRack(String dcName, String rackName) {
        return dc.equals(dcName) && rack.equals(rackName);
    }
}
