package io.dynoj.tools;

import io.dynoj.coordinator.zookeeper.ClusterReader;
import io.dynoj.coordinator.zookeeper.ClusterState;
import io.dynoj.coordinator.zookeeper.Member;
import io.dynoj.coordinator.zookeeper.TokenClaim;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dynoj ring --zookeeper}: the cluster as ZooKeeper holds it, with no node asked: each rack's token
 * claims (who owns which hashes) and whether each owner is alive (has a member znode) and serving. A
 * departed owner's tokens are listed as such: requests for them fail until a replacement takes them.
 */
final class ZooKeeperRing {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final PrintWriter err;

    ZooKeeperRing(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int print(String address, String cluster, String auth) throws InterruptedException {
        ClusterState state;
        try (ClusterReader reader = ClusterReader.connect(address, cluster, auth, TIMEOUT)) {
            state = reader.read();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            err.println("dynoj ring: " + e.getMessage());
            return 1;
        }
        if (state.claims().isEmpty() && state.members().isEmpty()) {
            err.println("dynoj ring: cluster '" + cluster + "' has no members and no token claims in ZooKeeper at "
                    + address + " (check --cluster, the nodes' cluster_name, and the root)");
            return 1;
        }
        out.println("cluster " + cluster + " in ZooKeeper " + address + ": " + state.members().size()
                + " live members, " + state.claims().size() + " token claims");
        Map<String, Map<String, List<TokenClaim>>> byPlace = new TreeMap<>();
        for (TokenClaim claim : state.claims()) {
            byPlace.computeIfAbsent(claim.dc(), k -> new TreeMap<>())
                    .computeIfAbsent(claim.rack(), k -> new java.util.ArrayList<>()).add(claim);
        }
        byPlace.forEach((dc, racks) -> {
            out.println(dc);
            racks.forEach((rack, claims) -> {
                out.println("  " + rack);
                printRack(state, claims);
            });
        });
        state.members().values().stream().filter(m -> state.claims().stream().noneMatch(c -> c.ownerId().equals(m.nodeId())))
                .sorted(Comparator.comparing(Member::nodeId))
                .forEach(m -> out.println("member " + m.nodeId() + " at " + m.peerAddress() + " holds no token yet ("
                        + m.state() + ")"));
        return 0;
    }

    private void printRack(ClusterState state, List<TokenClaim> claims) {
        List<TokenClaim> sorted = claims.stream().sorted(Comparator.comparingLong(TokenClaim::token)).toList();
        List<TokenRanges.Range> ranges = TokenRanges.of(sorted.stream().map(TokenClaim::token).toList());
        for (int i = 0; i < sorted.size(); i++) {
            TokenClaim c = sorted.get(i);
            TokenRanges.Range r = ranges.get(i);
            Member member = state.members().get(c.ownerId());
            String status = member == null ? "DEPARTED" : member.state().name();
            String where = member != null ? member.peerAddress().toString() : c.owner().peerAddress().toString();
            out.println(String.format(Locale.ROOT, "    %-22s token %-10d owns %s (%.1f%%)  %s  %s",
                    where, c.token(), r, 100 * r.share(), status, c.ownerId()));
        }
    }
}
