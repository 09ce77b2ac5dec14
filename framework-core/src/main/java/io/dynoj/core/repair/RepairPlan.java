package io.dynoj.core.repair;

import io.dynoj.core.spi.TokenRange;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.TokenRing;
import io.dynoj.core.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The pieces of this node's token ranges that a repair compares, each with its replicas: the node's
 * ranges on its rack's ring, cut at every token of every other rack (and datacenter) so each piece has one
 * owner in every rack, and at the bounds of the range asked for. Built from one topology snapshot.
 */
public final class RepairPlan {

    /** A piece of a range and its owners: this node first, then one per other rack holding it. */
    public record Piece(TokenRange range, List<ClusterNode> replicas) {
    }

    private RepairPlan() {
    }

    /** The pieces of this node's ranges within {@code only} (null: all of them), in token order. */
    public static List<Piece> of(Topology topology, TokenRange only) {
        ClusterNode self = topology.local();
        List<Rack> others = new ArrayList<>();
        topology.localDcRacks().stream().filter(r -> r != topology.localRack()).forEach(others::add);
        topology.remoteDcs().values().forEach(others::addAll);
        TreeSet<Long> cuts = new TreeSet<>();
        others.forEach(r -> addAll(cuts, r.ring().tokens()));
        if (only != null) {
            cuts.add(only.start());
            cuts.add(only.end());
        }
        List<Piece> pieces = new ArrayList<>();
        for (TokenRange mine : ranges(topology.localRack().ring(), self)) {
            List<Long> inside = new ArrayList<>();
            for (long cut : cuts) {
                if (mine.contains(cut) && cut != mine.end()) {
                    inside.add(cut);
                }
            }
            inside.sort(Comparator.comparingLong(mine::offset));
            long from = mine.start();
            inside.add(mine.end());
            for (long to : inside) {
                TokenRange piece = new TokenRange(from, to);
                from = to;
                if (only != null && !only.contains(to)) {
                    continue;
                }
                Map<String, ClusterNode> replicas = new LinkedHashMap<>();
                replicas.put(self.id(), self);
                others.forEach(r -> replicas.putIfAbsent(r.owner(to).id(), r.owner(to)));
                pieces.add(new Piece(piece, List.copyOf(replicas.values())));
            }
        }
        return pieces;
    }

    /** {@code node}'s ranges on {@code ring}: (previous token, its token] each; the whole ring for one token. */
    static List<TokenRange> ranges(TokenRing ring, ClusterNode node) {
        long[] tokens = ring.tokens();
        List<TokenRange> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            if (ring.ownerAt(i).id().equals(node.id())) {
                out.add(new TokenRange(tokens[Math.floorMod(i - 1, tokens.length)], tokens[i]));
            }
        }
        return out;
    }

    private static void addAll(TreeSet<Long> set, long[] values) {
        for (long v : values) {
            set.add(v);
        }
    }
}
