package io.dynoj.core.gossip;

import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one node's gossip knows of the cluster: the newest {@link GossipEntry} of each member, its own
 * among them. Immutable: {@link #merge} returns a new one, so the gossiper swaps it whole and readers
 * never lock.
 *
 * <p>The merge rules, applied to each received entry:
 * <ol>
 *   <li>the local node's own entry is never taken from others (only it advances its heartbeat);</li>
 *   <li>an entry replaces the known one of its node id only when it is newer by (generation,
 *       version); an older generation, or the same generation with a version not higher, is stale
 *       and ignored;</li>
 *   <li>an entry that {@link GossipEntry#clashesWith clashes} with another member's (same dc, rack
 *       and a common token) takes its place only if it {@link GossipEntry#replaces replaces} it, and the
 *       loser's entry is dropped; an entry that loses to a known one is ignored, so the old node's
 *       entry, still gossiped by nodes that have not heard, cannot come back. The local node is never
 *       dropped.</li>
 * </ol>
 * Every node applying these rules to the same entries, in any order, ends with the same members.
 */
public final class Membership {

    private final String selfId;
    private final Map<String, GossipEntry> entries;

    private Membership(String selfId, Map<String, GossipEntry> entries) {
        this.selfId = selfId;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** A membership that knows only the local node. */
    public static Membership of(GossipEntry self) {
        Map<String, GossipEntry> map = new TreeMap<>();
        map.put(self.nodeId(), self);
        return new Membership(self.nodeId(), map);
    }

    public GossipEntry self() {
        return entries.get(selfId);
    }

    /** Every known entry by node id, in id order. */
    public Map<String, GossipEntry> entries() {
        return entries;
    }

    /** The same membership with the local node's entry replaced by {@code newSelf} (same node id). */
    public Membership withSelf(GossipEntry newSelf) {
        if (!newSelf.nodeId().equals(selfId)) {
            throw new IllegalArgumentException("not the local node: " + newSelf.nodeId());
        }
        Map<String, GossipEntry> map = new TreeMap<>(entries);
        map.put(selfId, newSelf);
        return new Membership(selfId, map);
    }

    /** This membership with {@code received} merged by the rules above; {@code this} when nothing changed. */
    public Membership merge(Collection<GossipEntry> received) {
        Map<String, GossipEntry> map = null;
        for (GossipEntry entry : received) {
            Map<String, GossipEntry> current = map == null ? entries : map;
            if (!accepts(current, entry)) {
                continue;
            }
            if (map == null) {
                map = new TreeMap<>(entries);
            }
            map.values().removeIf(known -> !known.nodeId().equals(selfId) && entry.clashesWith(known));
            map.put(entry.nodeId(), entry);
        }
        return map == null ? this : new Membership(selfId, map);
    }

    private boolean accepts(Map<String, GossipEntry> current, GossipEntry entry) {
        if (entry.nodeId().equals(selfId)) {
            return false;
        }
        GossipEntry known = current.get(entry.nodeId());
        if (known != null && !entry.newerThan(known)) {
            return false;
        }
        for (GossipEntry other : current.values()) {
            if (entry.clashesWith(other) && (other.nodeId().equals(selfId) || !entry.replaces(other))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the members in the ring, their places, addresses and states differ from {@code other}'s. */
    public boolean sameRing(Membership other) {
        return ring().equals(other.ring());
    }

    /** The members' places and states, without the heartbeats that change every round. */
    private Map<String, List<Object>> ring() {
        Map<String, List<Object>> ring = new LinkedHashMap<>();
        entries.forEach((id, e) -> ring.put(id, List.of(e.generation(), e.state(), e.dc(), e.rack(),
                e.peerAddress(), e.tokens())));
        return ring;
    }

    /** The members in the ring as a snapshot of {@code version}, the local node marked local. */
    public Topology toTopology(long version) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (GossipEntry e : entries.values()) {
            boolean local = e.nodeId().equals(selfId);
            if (local || e.state().inRing()) {
                nodes.add(new ClusterNode(e.nodeId(), e.dc(), e.rack(), e.peerAddress(), e.tokens(), local));
            }
        }
        return new Topology(version, nodes);
    }

    @Override
    public String toString() {
        return "Membership" + entries.values();
    }
}
