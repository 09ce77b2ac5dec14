package io.dynoj.coordinator.zookeeper;

import java.util.List;

/**
 * What a node does with the token claims to join: the claims it creates, keeps, takes from a departed
 * node and releases, all in one ZooKeeper transaction, or why it must wait or cannot join.
 *
 * @param tokens the tokens the node holds once the plan is carried out, ascending
 * @param create tokens of its rack nobody claims yet
 * @param keep claims it already holds (rewritten with its current address)
 * @param take claims of departed nodes it takes over (compare-and-set on their versions)
 * @param release claims it holds that it gives up (its config names other tokens; it moved racks)
 * @param departed owners of {@code take}: the transaction fails if one of them registers meanwhile
 * @param why what the plan is, for the log
 */
record ClaimPlan(Kind kind, List<Long> tokens, List<Long> create, List<TokenClaim> keep, List<TokenClaim> take,
                 List<TokenClaim> release, List<String> departed, String why) {

    enum Kind {
        /** Carry the plan out. */
        CLAIM,
        /** Departed nodes' claims exist: wait replace_after once, then plan again. */
        WAIT,
        /** The node cannot join: {@code why} says why. */
        REFUSE
    }

    static ClaimPlan waitFor(String why) {
        return new ClaimPlan(Kind.WAIT, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), why);
    }

    static ClaimPlan refuse(String why) {
        return new ClaimPlan(Kind.REFUSE, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), why);
    }
}
