package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sorted set as Redis orders it: by score, then by member bytes. Kept as an array sorted that
 * way plus a member-to-score map built on first use: a stored set decodes in linear time (it is
 * stored in order) and range reads never hash a member; rank is a binary search, and an update
 * moves part of the array (cheap at the sizes a whole-value store holds). Not thread-safe.
 */
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

    private final ArrayList<Entry> order;
    /** Member to score; null until a member is looked up (decoding only fills {@link #order}). */
    private Map<Bytes, Double> scores;

    public ZSet() {
        this(16);
    }

    /** An empty set with room for {@code expected} members. */
    public ZSet(int expected) {
        order = new ArrayList<>(expected);
    }

    private Map<Bytes, Double> scores() {
        if (scores == null) {
            scores = new HashMap<>(Math.max(16, order.size() * 4 / 3 + 1));
            for (Entry e : order) {
                scores.put(e.member(), e.score());
            }
        }
        return scores;
    }

    public int size() {
        return order.size();
    }

    public boolean isEmpty() {
        return order.isEmpty();
    }

    /** The member's score, or {@code null}. */
    public Double score(Bytes member) {
        return scores().get(member);
    }

    /**
     * Appends an entry known to be above every entry present and not a member yet (how a stored
     * set, written in order, is decoded).
     */
    void appendInOrder(Bytes member, double score) {
        order.add(new Entry(member, score));
        if (scores != null) {
            scores.put(member, score);
        }
    }

    /** Sets the member's score; true when the member is new. */
    public boolean put(Bytes member, double score) {
        Double old = scores().put(member, score);
        if (old != null) {
            order.remove(indexOf(new Entry(member, old)));
        }
        Entry entry = new Entry(member, score);
        int n = order.size();
        // Decoding adds in ascending order: append without searching.
        if (n == 0 || order.get(n - 1).compareTo(entry) < 0) {
            order.add(entry);
        } else {
            order.add(-indexOf(entry) - 1, entry);
        }
        return old == null;
    }

    public boolean remove(Bytes member) {
        Double old = scores().remove(member);
        if (old == null) {
            return false;
        }
        order.remove(indexOf(new Entry(member, old)));
        return true;
    }

    /**
     * Removes these entries (taken from this set, e.g. a range of {@link #ascending()}) in one
     * pass over the array; returns how many there were.
     */
    public int removeAll(List<Entry> entries) {
        int n = entries.size();
        Map<Bytes, Double> live = scores();
        for (Entry e : entries) {
            live.remove(e.member());
        }
        order.removeIf(e -> !live.containsKey(e.member()));
        return n;
    }

    /** Entries by ascending score then member; a read-only live view, do not modify the set while using it. */
    public List<Entry> ascending() {
        return Collections.unmodifiableList(order);
    }

    /** The lowest entry; the set must not be empty. */
    public Entry first() {
        return order.get(0);
    }

    /** The highest entry; the set must not be empty. */
    public Entry last() {
        return order.get(order.size() - 1);
    }

    /** The 0-based rank of the member in ascending order, or -1. */
    public int rank(Bytes member) {
        Double s = scores().get(member);
        return s == null ? -1 : indexOf(new Entry(member, s));
    }

    /** The member's 0-based rank, counted from the highest score when {@code reverse}; -1 when absent. */
    public int rank(Bytes member, boolean reverse) {
        int r = rank(member);
        return r < 0 || !reverse ? r : size() - 1 - r;
    }

    private int indexOf(Entry e) {
        return Collections.binarySearch(order, e);
    }
}
