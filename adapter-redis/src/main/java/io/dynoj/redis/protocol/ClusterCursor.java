package io.dynoj.redis.protocol;

/**
 * The cursor of a SCAN over the nodes of one rack: which node (its position in the rack's token-ring
 * order) and that node's own cursor, in one unsigned 64-bit decimal number as clients expect a cursor to
 * be (redis-py parses it as an integer). The node is the low {@value #NODE_BITS} bits, its cursor the
 * rest: so {@code 0} is node 0's first step, where every scan starts and where a finished one ends, as in
 * Redis. A node's own cursor (redis-server's reversed-bit table position, the embedded engine's counter)
 * is far below 2^54. A cursor stays valid while the rack's nodes do not change. Stateless.
 */
final class ClusterCursor {

    static final int NODE_BITS = 10;
    /** The most nodes one rack may have for its SCAN cursors to be encoded. */
    static final int MAX_NODES = 1 << NODE_BITS;
    private static final long MAX_NODE_CURSOR = -1L >>> NODE_BITS;

    /** A decoded cursor: node {@code node}'s own cursor {@code cursor} (an unsigned number). */
    record Position(int node, long cursor) {
    }

    private ClusterCursor() {
    }

    /**
     * The cursor a client gets back.
     *
     * @throws IllegalArgumentException when the node's cursor does not fit (the message is the client's error)
     */
    static String encode(int node, long nodeCursor) {
        if (node < 0 || node >= MAX_NODES) {
            throw new IllegalArgumentException("a rack of more than " + MAX_NODES + " nodes cannot be scanned");
        }
        if (Long.compareUnsigned(nodeCursor, MAX_NODE_CURSOR) > 0) {
            throw new IllegalArgumentException("node cursor " + Long.toUnsignedString(nodeCursor)
                    + " is too large for a cluster SCAN cursor");
        }
        return Long.toUnsignedString(nodeCursor << NODE_BITS | node);
    }

    /**
     * The position {@code cursor} names in a rack of {@code nodes} nodes.
     *
     * @throws IllegalArgumentException {@code invalid cursor} (Redis's words) when it is no number or names
     *     no node of the rack
     */
    static Position decode(String cursor, int nodes) {
        long value;
        try {
            value = Long.parseUnsignedLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
        int node = (int) (value & (MAX_NODES - 1));
        if (node >= nodes) {
            throw new IllegalArgumentException("invalid cursor");
        }
        return new Position(node, value >>> NODE_BITS);
    }
}
