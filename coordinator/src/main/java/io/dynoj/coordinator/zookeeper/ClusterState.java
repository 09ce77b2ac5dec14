package io.dynoj.coordinator.zookeeper;

import io.dynoj.core.config.HostPort;
import io.dynoj.core.topology.ClusterNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one cluster's znodes said at one moment: the live members and the token claims, read from
 * ZooKeeper directly ({@link ClusterReader}) or from a cache. Immutable once built.
 */
public final class ClusterState {

    private static final Logger log = LoggerFactory.getLogger(ClusterState.class);

    private final Map<String, Member> members;
    private final Map<String, Long> sessions;
    private final List<TokenClaim> claims;

    private ClusterState(Map<String, Member> members, Map<String, Long> sessions, List<TokenClaim> claims) {
        this.members = Map.copyOf(members);
        this.sessions = Map.copyOf(sessions);
        this.claims = claims.stream().sorted(Comparator.comparing(TokenClaim::dc).thenComparing(TokenClaim::rack)
                .thenComparingLong(TokenClaim::token)).toList();
    }

    /** The live members by node id. */
    public Map<String, Member> members() {
        return members;
    }

    /** Every claim, by dc, rack and token. */
    public List<TokenClaim> claims() {
        return claims;
    }

    /** The claims of one rack, by token. */
    public List<TokenClaim> claims(String dc, String rack) {
        return claims.stream().filter(c -> c.inRack(dc, rack)).toList();
    }

    /** Whether node {@code nodeId} has a member znode: it is alive (its ZooKeeper session is). */
    public boolean isLive(String nodeId) {
        return members.containsKey(nodeId);
    }

    /** The ZooKeeper session that owns node {@code nodeId}'s member znode, or 0. */
    long session(String nodeId) {
        return sessions.getOrDefault(nodeId, 0L);
    }

    /**
     * The ring the claims make: one node per owner with the tokens it claims, at the address of its
     * member znode while it lives, else at the one its claims recorded (a node that died keeps its
     * tokens: requests for them fail, as with a static cluster, until a replacement takes them).
     * Sorted by id; tokens ascending.
     *
     * @param localId the node to mark {@link ClusterNode#local() local} (at {@code localAddress}), or
     *     {@code null} for a view from outside (tools)
     */
    public List<ClusterNode> nodes(String localId, HostPort localAddress) {
        Map<String, List<TokenClaim>> byOwner = new TreeMap<>();
        for (TokenClaim c : claims) {
            byOwner.computeIfAbsent(c.ownerId(), k -> new ArrayList<>()).add(c);
        }
        List<ClusterNode> nodes = new ArrayList<>(byOwner.size());
        byOwner.forEach((id, owned) -> {
            Member member = members.get(id);
            // A node that moved racks keeps stale claims until it starts again: its live place wins.
            TokenClaim first = owned.stream().filter(c -> member != null && c.inRack(member.dc(), member.rack()))
                    .findFirst().orElse(owned.get(0));
            List<Long> tokens = owned.stream().filter(c -> c.inRack(first.dc(), first.rack()))
                    .map(TokenClaim::token).sorted().toList();
            boolean local = id.equals(localId);
            HostPort address = local ? localAddress : member != null ? member.peerAddress() : first.owner().peerAddress();
            nodes.add(new ClusterNode(id, first.dc(), first.rack(), address, tokens, local));
        });
        return nodes;
    }

    static Builder builder(ClusterPaths paths) {
        return new Builder(paths);
    }

    /** Collects znodes by path; anything that is neither a member nor a claim is skipped. */
    static final class Builder {

        private final ClusterPaths paths;
        private final Map<String, Member> members = new HashMap<>();
        private final Map<String, Long> sessions = new HashMap<>();
        private final List<TokenClaim> claims = new ArrayList<>();

        private Builder(ClusterPaths paths) {
            this.paths = paths;
        }

        Builder add(String path, Stat stat, byte[] data) {
            if (data == null || stat == null) {
                return this;
            }
            try {
                if (paths.isMember(path)) {
                    Member m = Json.read(data, Member.class);
                    members.put(m.nodeId(), m);
                    sessions.put(m.nodeId(), stat.getEphemeralOwner());
                } else {
                    String[] place = paths.claimPlace(path);
                    if (place != null) {
                        claims.add(new TokenClaim(place[0], place[1], Long.parseLong(place[2]),
                                Json.read(data, TokenClaim.Owner.class), stat.getVersion()));
                    }
                }
            } catch (IllegalArgumentException e) {
                // A znode someone else wrote: it is not ours to fix, and the rest is still usable.
                log.warn("ignored znode {}: {}", path, e.getMessage());
            }
            return this;
        }

        ClusterState build() {
            return new ClusterState(members, sessions, claims);
        }
    }
}
