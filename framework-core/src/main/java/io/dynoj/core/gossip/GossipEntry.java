package io.dynoj.core.gossip;

import io.dynoj.core.config.HostPort;
import java.util.List;
import java.util.Objects;

/**
 * What gossip knows of one member, as its owner last published it. Only the owner makes new entries
 * for itself; the others copy the newest they have seen.
 *
 * <p>{@code generation} is the owner's start time in milliseconds since the epoch, taken once when
 * the node starts: a restarted node (or a replacement) has a higher one without anything persisted,
 * as long as its clock has not gone back by more than it was down. {@code version} is the owner's
 * heartbeat counter within a generation: it rises every gossip round and on every change of state.
 * Immutable.
 *
 * @param nodeId the member's {@code node_id}
 * @param generation its start time, ms
 * @param version its heartbeat counter within the generation
 * @param state its state
 * @param dc its datacenter
 * @param rack its rack
 * @param peerAddress its peer port ({@code dyn_listen})
 * @param tokens its tokens (32-bit unsigned)
 */
public record GossipEntry(String nodeId, long generation, long version, MemberState state, String dc, String rack,
                          HostPort peerAddress, List<Long> tokens) {

    public GossipEntry {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dc, "dc");
        Objects.requireNonNull(rack, "rack");
        Objects.requireNonNull(peerAddress, "peerAddress");
        tokens = List.copyOf(tokens);
    }

    /** Whether this entry is newer than {@code other} by (generation, version). */
    public boolean newerThan(GossipEntry other) {
        return generation != other.generation ? generation > other.generation : version > other.version;
    }

    /**
     * Whether this member and {@code other} (another node id) claim one place: the same dc and rack and a
     * token in common. Only one of them stays in the ring.
     */
    public boolean clashesWith(GossipEntry other) {
        return !nodeId.equals(other.nodeId) && dc.equals(other.dc) && rack.equals(other.rack)
                && tokens.stream().anyMatch(other.tokens::contains);
    }

    /**
     * Whether this member takes the place of {@code other} when they {@link #clashesWith clash}: the
     * newer generation wins (a replacement starts after the node it replaces); on a tie, the larger
     * node id, so every node decides alike.
     */
    public boolean replaces(GossipEntry other) {
        return generation != other.generation ? generation > other.generation : nodeId.compareTo(other.nodeId) > 0;
    }

    /** The same member one heartbeat later, in {@code newState}. */
    public GossipEntry next(MemberState newState) {
        return new GossipEntry(nodeId, generation, version + 1, newState, dc, rack, peerAddress, tokens);
    }
}
