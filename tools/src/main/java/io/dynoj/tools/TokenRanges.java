package io.dynoj.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * The hashes each token of one rack owns: a token {@code t} owns {@code (previous token, t]}, and the
 * smallest token also owns the hashes above the largest (the ring wraps), as Dynomite dispatches.
 */
final class TokenRanges {

    static final long RING_SIZE = 1L << 32;

    private TokenRanges() {
    }

    /** One owned range, inclusive; the wrapping range of the smallest token has a second part. */
    record Range(long token, long from, long to, long wrapFrom) {
        /** How many hashes the token owns. */
        long size() {
            long size = to - from + 1;
            return wrapFrom < 0 ? size : size + (RING_SIZE - wrapFrom);
        }

        double share() {
            return (double) size() / RING_SIZE;
        }

        @Override
        public String toString() {
            String first = "[" + from + ", " + to + "]";
            return wrapFrom < 0 ? first : "[" + wrapFrom + ", " + (RING_SIZE - 1) + "] + " + first;
        }
    }

    /** The ranges of {@code sortedTokens} (ascending, distinct), in the same order. */
    static List<Range> of(List<Long> sortedTokens) {
        List<Range> ranges = new ArrayList<>();
        int n = sortedTokens.size();
        for (int i = 0; i < n; i++) {
            long token = sortedTokens.get(i);
            if (i == 0) {
                long last = sortedTokens.get(n - 1);
                ranges.add(new Range(token, 0, token, last == RING_SIZE - 1 ? -1 : last + 1));
            } else {
                ranges.add(new Range(token, sortedTokens.get(i - 1) + 1, token, -1));
            }
        }
        return ranges;
    }
}
