package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A score or lex interval of a sorted set ({@link ScoreRange}, {@link LexRange}), walked the way
 * Redis walks a small (listpack) sorted set: forward from the first entry at or above the minimum
 * while entries stay at or below the maximum, or backward from the last entry at or below the
 * maximum. For lex ranges over members of different scores this gives Redis's answers too, which
 * are not simply "every member between min and max".
 */
interface ZSetRange {

    /** True when no entry can ever be inside (min above max, or equal with an open end). */
    boolean alwaysEmpty();

    boolean gteMin(ZSet.Entry e);

    boolean lteMax(ZSet.Entry e);

    /** Index of the first entry in range, or -1. */
    default int first(List<ZSet.Entry> entries) {
        if (!mayIntersect(entries)) {
            return -1;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (gteMin(entries.get(i))) {
                return lteMax(entries.get(i)) ? i : -1;
            }
        }
        return -1;
    }

    /** Index of the last entry in range, or -1. */
    default int last(List<ZSet.Entry> entries) {
        if (!mayIntersect(entries)) {
            return -1;
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (lteMax(entries.get(i))) {
                return gteMin(entries.get(i)) ? i : -1;
            }
        }
        return -1;
    }

    private boolean mayIntersect(List<ZSet.Entry> entries) {
        return !alwaysEmpty() && !entries.isEmpty()
                && gteMin(entries.get(entries.size() - 1)) && lteMax(entries.get(0));
    }

    /**
     * The entries in range, skipping {@code offset} first (none when negative), at most
     * {@code limit} (all when negative); from the maximum down when {@code reverse}.
     */
    default List<ZSet.Entry> select(List<ZSet.Entry> entries, boolean reverse, long offset, long limit) {
        List<ZSet.Entry> out = new ArrayList<>();
        if (offset < 0) {
            // Redis walks off the end of the set when the offset is negative.
            return out;
        }
        if (!reverse) {
            int i = first(entries);
            if (i < 0) {
                return out;
            }
            for (long k = i + offset; k < entries.size() && limit-- != 0 && lteMax(entries.get((int) k)); k++) {
                out.add(entries.get((int) k));
            }
        } else {
            int i = last(entries);
            if (i < 0) {
                return out;
            }
            for (long k = i - offset; k >= 0 && limit-- != 0 && gteMin(entries.get((int) k)); k--) {
                out.add(entries.get((int) k));
            }
        }
        return out;
    }

    /** Every entry in range, ascending (what ZCOUNT counts and ZREMRANGEBY* removes). */
    default List<ZSet.Entry> all(List<ZSet.Entry> entries) {
        return select(entries, false, 0, -1);
    }
}
