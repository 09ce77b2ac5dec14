package io.dynoj.coordinator.zookeeper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides which tokens a node claims, from a {@link ClusterState}; pure (no ZooKeeper), so the rules are
 * tested on their own. Its plans are carried out by {@link Registration} with compare-and-set, so a plan
 * made from data that changed meanwhile fails as a whole and is made again.
 *
 * <p>The rules, for a node whose config names no tokens: tokens it already claims in its rack are reused
 * (a restart); else the tokens of a node of its rack that has no live member are taken, once that node
 * has been gone for {@code replace_after} (a replacement: it takes over the departed node's keys, no
 * data moves); else it splits the largest range of its rack ({@link TokenSplitter}: new capacity, whose
 * keys stay on the neighbour until the scale-out issue moves them). A node whose config names tokens
 * claims those, taking them from departed nodes at once, and refuses to start if a live node holds one.
 */
final class ClaimPlanner {

    private final String self;
    private final String dc;
    private final String rack;
    private final List<Long> configured;

    /** @param configured the tokens the config names, or {@code null} when it names none */
    ClaimPlanner(String selfId, String dc, String rack, List<Long> configured) {
        this.self = selfId;
        this.dc = dc;
        this.rack = rack;
        this.configured = configured == null ? null : configured.stream().distinct().sorted().toList();
    }

    /** @param graceWaited whether replace_after has been waited out once already */
    ClaimPlan plan(ClusterState state, boolean graceWaited) {
        List<TokenClaim> rackClaims = state.claims(dc, rack);
        List<TokenClaim> release = new ArrayList<>(state.claims().stream()
                .filter(c -> c.ownerId().equals(self) && !c.inRack(dc, rack)).toList());
        List<TokenClaim> mine = rackClaims.stream().filter(c -> c.ownerId().equals(self)).toList();
        if (configured != null) {
            return configured(state, rackClaims, mine, release);
        }
        if (!mine.isEmpty()) {
            return claim(tokens(mine), List.of(), mine, List.of(), release, List.of(),
                    "restarted: reusing its tokens " + tokens(mine));
        }
        Map<String, List<TokenClaim>> departed = rackClaims.stream().filter(c -> !state.isLive(c.ownerId()))
                .collect(Collectors.groupingBy(TokenClaim::ownerId, TreeMap::new, Collectors.toList()));
        if (!departed.isEmpty()) {
            if (!graceWaited) {
                return ClaimPlan.waitFor("nodes " + departed.keySet() + " of " + dc + "/" + rack + " have no live member");
            }
            // The departed node whose lowest token is lowest: every new node picks the same one first.
            List<TokenClaim> taken = departed.values().stream()
                    .min(Comparator.comparingLong(cs -> cs.get(0).token())).orElseThrow();
            String owner = taken.get(0).ownerId();
            return claim(tokens(taken), List.of(), List.of(), taken, release, List.of(owner),
                    "replacing " + owner + " (no live member for replace_after): taking its tokens " + tokens(taken));
        }
        long token = TokenSplitter.next(tokens(rackClaims));
        return claim(List.of(token), List.of(token), List.of(), List.of(), release, List.of(),
                "new capacity: splitting the largest range of " + dc + "/" + rack + " at token " + token
                        + " (no data moves yet: the keys of that range stay on its old owner until the scale-out"
                        + " issue moves them)");
    }

    private ClaimPlan configured(ClusterState state, List<TokenClaim> rackClaims, List<TokenClaim> mine,
                                 List<TokenClaim> release) {
        Map<Long, TokenClaim> byToken = new TreeMap<>();
        rackClaims.forEach(c -> byToken.put(c.token(), c));
        List<Long> create = new ArrayList<>();
        List<TokenClaim> keep = new ArrayList<>();
        List<TokenClaim> take = new ArrayList<>();
        List<String> departed = new ArrayList<>();
        for (long token : configured) {
            TokenClaim c = byToken.get(token);
            if (c == null) {
                create.add(token);
            } else if (c.ownerId().equals(self)) {
                keep.add(c);
            } else if (state.isLive(c.ownerId())) {
                return ClaimPlan.refuse("token " + token + " of " + dc + "/" + rack + " is held by the live node "
                        + c.ownerId() + " at " + c.owner().peerAddress());
            } else {
                take.add(c);
                if (!departed.contains(c.ownerId())) {
                    departed.add(c.ownerId());
                }
            }
        }
        mine.stream().filter(c -> !configured.contains(c.token())).forEach(release::add);
        return claim(configured, create, keep, take, release, departed, "claiming its configured tokens " + configured);
    }

    private static ClaimPlan claim(List<Long> tokens, List<Long> create, List<TokenClaim> keep, List<TokenClaim> take,
                                   List<TokenClaim> release, List<String> departed, String why) {
        return new ClaimPlan(ClaimPlan.Kind.CLAIM, tokens.stream().sorted().toList(), create, keep, take,
                List.copyOf(release), departed, why);
    }

    private static List<Long> tokens(List<TokenClaim> claims) {
        return claims.stream().map(TokenClaim::token).sorted().toList();
    }
}
