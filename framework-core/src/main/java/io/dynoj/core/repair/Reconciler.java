package io.dynoj.core.repair;

import io.dynoj.core.spi.RangeStore.KeyDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the value a key should have on every replica, from each replica's digest of it.
 *
 * <p>With write times (the embedded stores, {@link io.dynoj.core.spi.Datastore#keepsWriteTimes()}) the
 * <b>newest write wins</b>: the replica whose value or tombstone has the largest timestamp is the source, every
 * replica holding something else is a target; a newest tombstone deletes the key on the replicas that still
 * hold it (they are sent the tombstone, so they keep it too). A replica without the key (and without a
 * tombstone) never saw it: it is a target of a live winner, and agrees with a tombstone.
 *
 * <p>Without timestamps (redis-server and memcached keep none):
 * <ul>
 *   <li>The <b>majority</b> wins: the value more than half of the replicas hold, absence included. Without
 *       tombstones a delete one replica missed looks like a key present on that replica alone: with three
 *       racks the two that agree it is absent win and the key is deleted there; a key missing on one of
 *       three is restored from the other two.</li>
 *   <li><b>No majority</b> (two racks that disagree, three different values) is a conflict, counted: the
 *       repairing node's own value wins when it holds one. When it holds none, the value most replicas
 *       hold wins (the first replica's on a tie) rather than the absence: a missed write and a missed
 *       delete look alike, and a repair run on a node whose data was lost must not delete the survivors'.</li>
 * </ul>
 * Stateless.
 */
final class Reconciler {

    /**
     * What to do with one key.
     *
     * @param source the replica holding the winning value, or -1 when the winner is the key's absence
     * @param targets the replicas to change: given the winning value, or deleted when {@code source} is -1
     * @param conflict whether no majority decided
     * @param deletedAt when the winner is a tombstone: its write time, sent to the targets with the delete; else 0
     */
    record Decision(int source, List<Integer> targets, boolean conflict, long deletedAt) {

        /** A decision without a tombstone to send. */
        Decision(int source, List<Integer> targets, boolean conflict) {
            this(source, targets, conflict, 0);
        }
    }

    private Reconciler() {
    }

    /**
     * Newest write wins when any replica knows the key's write time, else the majority ({@link #decide(Long[])}).
     *
     * @param keys each replica's digest of the key, {@code null} where it holds nothing; replica 0 is this node
     * @return null when every replica agrees
     */
    static Decision decide(KeyDigest[] keys) {
        int winner = -1;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && keys[i].writeTime() != 0
                    && (winner < 0 || Long.compareUnsigned(keys[i].writeTime(), keys[winner].writeTime()) > 0)) {
                winner = i;
            }
        }
        if (winner < 0) {
            Long[] digests = new Long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                digests[i] = keys[i] == null || keys[i].deleted() ? null : keys[i].digest();
            }
            return decide(digests);
        }
        KeyDigest w = keys[winner];
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            KeyDigest k = keys[i];
            boolean same = w.deleted() ? k == null || k.deleted() : k != null && !k.deleted() && k.digest() == w.digest();
            if (!same) {
                targets.add(i);
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        return w.deleted() ? new Decision(-1, targets, false, w.writeTime()) : new Decision(winner, targets, false, 0);
    }

    /**
     * @param digests each replica's digest of the key, {@code null} where it is absent; replica 0 is this node
     * @return null when every replica agrees
     */
    static Decision decide(Long[] digests) {
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        List<Integer> absent = new ArrayList<>();
        for (int i = 0; i < digests.length; i++) {
            if (digests[i] == null) {
                absent.add(i);
            } else {
                groups.computeIfAbsent(digests[i], d -> new ArrayList<>()).add(i);
            }
        }
        if (absent.size() == digests.length || (absent.isEmpty() && groups.size() == 1)) {
            return null;
        }
        int n = digests.length;
        if (absent.size() * 2 > n) {
            List<Integer> holders = new ArrayList<>();
            groups.values().forEach(holders::addAll);
            holders.sort(null);
            return new Decision(-1, holders, false);
        }
        List<Integer> winner = null;
        for (List<Integer> g : groups.values()) {
            if (g.size() * 2 > n) {
                winner = g;
            }
        }
        boolean conflict = winner == null;
        if (conflict) {
            winner = digests[0] != null ? groups.get(digests[0]) : largest(groups);
        }
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!winner.contains(i)) {
                targets.add(i);
            }
        }
        return new Decision(winner.get(0), targets, conflict);
    }

    private static List<Integer> largest(Map<Long, List<Integer>> groups) {
        List<Integer> best = null;
        for (List<Integer> g : groups.values()) {
            if (best == null || g.size() > best.size()) {
                best = g;
            }
        }
        return Objects.requireNonNull(best);
    }
}
