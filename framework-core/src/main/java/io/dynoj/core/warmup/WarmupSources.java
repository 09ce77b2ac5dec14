package io.dynoj.core.warmup;

import io.dynoj.core.health.PeerState;
import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.repair.RangeSource;
import io.dynoj.core.repair.RepairPlan;
import io.dynoj.core.topology.ClusterNode;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The replicas a range is copied from, healthiest first: reachable and judged UP, then serving reads by
 * their gossiped state (NORMAL), then the plan's order (the local datacenter's racks from the next one,
 * then other datacenters). Uptime is not known to a node (nothing carries it), so it is not a criterion.
 * Asked afresh for every range and after a source failed; stateless.
 */
final class WarmupSources implements Function<RepairPlan.Piece, List<RangeSource>> {

    private final PeerLinks peers;

    WarmupSources(PeerLinks peers) {
        this.peers = peers;
    }

    @Override
    public List<RangeSource> apply(RepairPlan.Piece piece) {
        return piece.replicas().stream().filter(n -> !n.local())
                .sorted(Comparator.comparingInt(this::rank))
                .map(n -> new RangeSource(n, peers)).toList();
    }

    private int rank(ClusterNode node) {
        int rank = 0;
        if (!peers.reachable(node)) {
            rank += 4;
        }
        if (!peers.servesReads(node)) {
            rank += 2;
        }
        if (peers.state(node) != PeerState.UP) {
            rank += 1;
        }
        return rank;
    }
}
