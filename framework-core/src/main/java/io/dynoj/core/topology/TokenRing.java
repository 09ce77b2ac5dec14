package io.dynoj.core.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The nodes of one rack on the token ring. A key whose hash is {@code h} belongs to the node with the
 * smallest token {@code >= h}, or to the node with the smallest token when none is (the ring wraps),
 * as in Dynomite's vnode dispatch. Immutable.
 */
public final class TokenRing {

    private final long[] tokens;
    private final ClusterNode[] owners;

    TokenRing(List<ClusterNode> nodes) {
        List<long[]> entries = new ArrayList<>();
        List<ClusterNode> byEntry = new ArrayList<>();
        for (ClusterNode node : nodes) {
            for (long token : node.tokens()) {
                entries.add(new long[] {token, byEntry.size()});
                byEntry.add(node);
            }
        }
        entries.sort(Comparator.comparingLong(e -> e[0]));
        tokens = new long[entries.size()];
        owners = new ClusterNode[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            long[] e = entries.get(i);
            if (i > 0 && tokens[i - 1] == e[0]) {
                throw new IllegalArgumentException("token " + e[0] + " is held by both "
                        + owners[i - 1].name() + " and " + byEntry.get((int) e[1]).name());
            }
            tokens[i] = e[0];
            owners[i] = byEntry.get((int) e[1]);
        }
        if (tokens.length == 0) {
            throw new IllegalArgumentException("a rack needs at least one token");
        }
    }

    /** The owner of a key whose 32-bit hash is {@code hash}. */
    public ClusterNode owner(long hash) {
        return owners[tokenIndex(hash)];
    }

    /** The index, in token order, of the token that owns {@code hash}: its range on this ring. */
    public int tokenIndex(long hash) {
        int i = Arrays.binarySearch(tokens, hash);
        if (i < 0) {
            i = -i - 1;
        }
        return i == tokens.length ? 0 : i;
    }

    /** The ring's tokens, ascending. */
    public long[] tokens() {
        return tokens.clone();
    }

    /** The owner of the {@code i}-th token of {@link #tokens()}. */
    public ClusterNode ownerAt(int i) {
        return owners[i];
    }

    public List<ClusterNode> nodes() {
        return Arrays.stream(owners).distinct().toList();
    }
}
