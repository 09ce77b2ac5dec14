package io.dynoj.core.topology;

/** A rack: a full copy of the dataset, split over its nodes by their tokens. */
public record Rack(String dc, String name, TokenRing ring) {

    public ClusterNode owner(long hash) {
        return ring.owner(hash);
    }
}
