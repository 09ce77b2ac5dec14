package io.dynoj.core.warmup;

import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.repair.RangeSource;
import io.dynoj.core.repair.RepairPlan;
import io.dynoj.core.topology.ClusterNode;
import java.time.Duration;
import java.util.List;

/**
 * Whether an empty node starting must warm up: only when a replica in another rack holds keys of its ranges.
 * A new cluster starts with every datastore empty, and its nodes must not wait for each other; a node whose
 * every replica is unreachable cannot tell (it serves, and says so: {@code bin/dynoj warmup} once they are
 * back). Asks each reachable replica once, briefly; called at start, on the starting thread.
 */
final class WarmupProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String NO_REPLICA = "no replica in another rack could be asked";

    private WarmupProbe() {
    }

    /** Null when some replica holds keys of {@code plan}'s ranges; otherwise why no warm-up is needed. */
    static String othersHoldKeys(List<RepairPlan.Piece> plan, PeerLinks peers) {
        int answered = 0;
        String failure = null;
        for (RepairPlan.Piece piece : plan) {
            for (ClusterNode node : piece.replicas()) {
                if (node.local() || !peers.reachable(node)) {
                    continue;
                }
                try {
                    if (new RangeSource(node, peers).keyCount(piece.range(), TIMEOUT) > 0) {
                        return null;
                    }
                    answered++;
                    break; // one empty replica per range is enough to tell
                } catch (IllegalStateException e) {
                    failure = e.getMessage();
                }
            }
        }
        if (answered == 0) {
            return NO_REPLICA + (failure == null ? "" : " (" + failure + ")")
                    + "; if this node replaces one, run bin/dynoj warmup once they are reachable";
        }
        return "the replicas in other racks hold no keys of this node's ranges either";
    }
}
