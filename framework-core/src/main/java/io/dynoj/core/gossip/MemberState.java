package io.dynoj.core.gossip;

/**
 * A member's state as gossip carries it: Dynomite's node states plus the two ends of membership.
 * Immutable.
 */
public enum MemberState {

    /** Serves reads and writes. */
    NORMAL(true),
    /** Serves neither (its datastore is taken out of the cluster). */
    STANDBY(false),
    /** Serves writes only: its peers never choose it for reads. */
    WRITES_ONLY(false),
    /** Serves writes only, on its way back to NORMAL. */
    RESUMING(false),
    /** Announced with its tokens, not yet serving: peers route writes to it, not reads. */
    JOINING(false),
    /** Decommissioned: out of the ring everywhere. The entry stays so older gossip cannot bring it back. */
    LEFT(false);

    private final boolean reads;

    MemberState(boolean reads) {
        this.reads = reads;
    }

    /** Whether peers may send this member reads. */
    public boolean servesReads() {
        return reads;
    }

    /** Whether the member owns its tokens in the ring (every state but {@link #LEFT}; STANDBY keeps its place). */
    public boolean inRing() {
        return this != LEFT;
    }
}
