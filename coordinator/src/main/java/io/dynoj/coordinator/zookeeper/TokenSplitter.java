package io.dynoj.coordinator.zookeeper;

import java.util.List;

/**
 * The token a new node of a rack takes: 0 for the first, then the middle of the largest range between
 * two neighbouring tokens (the ring wraps at 2^32), the lowest such range when several are as large.
 * Deterministic, so racks of one datacenter that grow alike get the same tokens (Dynomite's rule: the
 * same token holds the same keys in every rack). 0, 2^31, 2^30, 3 * 2^30, 2^29...
 */
final class TokenSplitter {

    static final long RING = 1L << 32;

    private TokenSplitter() {
    }

    /** @param tokens the rack's tokens, ascending, distinct, each in [0, 2^32) */
    static long next(List<Long> tokens) {
        if (tokens.isEmpty()) {
            return 0;
        }
        long bestStart = 0;
        long bestSize = -1;
        for (int i = 0; i < tokens.size(); i++) {
            long start = tokens.get(i);
            long end = i + 1 < tokens.size() ? tokens.get(i + 1) : tokens.get(0) + RING;
            long size = end - start;
            if (size > bestSize) {
                bestSize = size;
                bestStart = start;
            }
        }
        if (bestSize < 2) {
            throw new IllegalStateException("the rack's ring is full: no token left between its " + tokens.size() + " tokens");
        }
        return (bestStart + bestSize / 2) % RING;
    }
}
