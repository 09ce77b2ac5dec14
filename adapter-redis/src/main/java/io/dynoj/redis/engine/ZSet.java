package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A sorted set as Redis orders it: by score, then by member bytes. Not thread-safe. */
public final class ZSet {

    /**
     * One member and its score. Scores compare as C doubles do ({@code -0 == 0}), so members with
     * scores 0 and -0 are ordered by member, as Redis orders them. Scores are never NaN.
     */
    public record Entry(Bytes member, double score) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            if (score < o.score) {
                return -1;
            }
            if (score > o.score) {
                return 1;
            }
            return member.compareTo(o.member);
        }
    }

    private final Map<Bytes, Double> scores = new HashMap<>();
    private final TreeSet<Entry> order = new TreeSet<>();

    public int size() {
        return scores.size();
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }

    /** The member's score, or {@code null}. */
    public Double score(Bytes member) {
        return scores.get(member);
    }

    /** Sets the member's score; true when the member is new. */
    public boolean put(Bytes member, double score) {
        Double old = scores.put(member, score);
        if (old != null) {
            order.remove(new Entry(member, old));
        }
        order.add(new Entry(member, score));
        return old == null;
    }

    public boolean remove(Bytes member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        order.remove(new Entry(member, old));
        return true;
    }

    /** Entries by ascending score then member; a live view, do not modify while iterating it. */
    public NavigableSet<Entry> ascending() {
        return order;
    }

    /** The 0-based rank of the member in ascending order, or -1. */
    public int rank(Bytes member) {
        Double s = scores.get(member);
        return s == null ? -1 : order.headSet(new Entry(member, s), false).size();
    }

    /** A copy of the entries in ascending order, for index access. */
    public List<Entry> toList() {
        return new ArrayList<>(order);
    }

    /** The member's 0-based rank in ascending order, or -1; O(n). */
    public int rank(Bytes member, boolean reverse) {
        int r = rank(member);
        return r < 0 || !reverse ? r : size() - 1 - r;
    }
}
