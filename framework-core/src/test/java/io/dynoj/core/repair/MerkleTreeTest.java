package io.dynoj.core.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final TokenRange RANGE = new TokenRange(1000, 500); // wraps past 2^32

    private static List<KeyDigest> keys(int n, long seed) {
        Random random = new Random(seed);
        List<KeyDigest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long token;
            do {
                token = random.nextLong() & 0xffffffffL;
            } while (!RANGE.contains(token));
            out.add(new KeyDigest(token, ("key" + i).getBytes(StandardCharsets.UTF_8), random.nextLong()));
        }
        out.sort(KeyDigest.ORDER);
        return out;
    }

    @Test
    void equalKeysGiveEqualRootsAndNoDifferingLeaf() {
        MerkleTree a = MerkleTree.of(RANGE, 8, keys(5000, 1));
        MerkleTree b = MerkleTree.of(RANGE, 8, keys(5000, 1));
        assertThat(a.root()).isEqualTo(b.root());
        assertThat(a.keys()).isEqualTo(5000);
        assertThat(a.differingLeaves(b)).isEmpty();
    }

    @Test
    void oneChangedDigestOneMissingKeyAndOneExtraKeyShowInTheirLeavesOnly() {
        List<KeyDigest> base = keys(5000, 2);
        List<KeyDigest> other = new ArrayList<>(base);
        KeyDigest changed = other.get(10);
        other.set(10, new KeyDigest(changed.token(), changed.key(), changed.digest() + 1));
        KeyDigest missing = other.remove(2000);
        KeyDigest extra = new KeyDigest(200, "extra".getBytes(StandardCharsets.UTF_8), 7);
        other.add(extra);
        other.sort(KeyDigest.ORDER);
        MerkleTree a = MerkleTree.of(RANGE, 10, base);
        MerkleTree b = MerkleTree.of(RANGE, 10, other);
        assertThat(a.root()).isNotEqualTo(b.root());
        assertThat(a.differingLeaves(b)).containsExactlyInAnyOrder(
                MerkleTree.leaf(RANGE, 10, changed.token()), MerkleTree.leaf(RANGE, 10, missing.token()),
                MerkleTree.leaf(RANGE, 10, extra.token()));
    }

    @Test
    void aTreeRebuiltFromItsLeavesIsTheSameTree() {
        MerkleTree a = MerkleTree.of(RANGE, 6, keys(300, 3));
        MerkleTree b = MerkleTree.ofLeaves(6, a.leafHashes(), a.leafCounts());
        assertThat(b.root()).isEqualTo(a.root());
        assertThat(b.keys()).isEqualTo(300);
    }

    @Test
    void leavesSplitTheRangeEvenlyFromItsStartAndTheWholeRingWorks() {
        TokenRange all = TokenRange.all();
        assertThat(MerkleTree.leaf(all, 2, 1)).isZero();
        assertThat(MerkleTree.leaf(all, 2, 0)).as("the ring's last token, 2^32 after the start").isEqualTo(3);
        assertThat(MerkleTree.leaf(RANGE, 1, 1001)).isZero();
        assertThat(MerkleTree.leaf(RANGE, 1, 500)).isEqualTo(1);
    }

    @Test
    void depthGrowsWithTheKeysAndStopsAtTheMaximum() {
        assertThat(MerkleTree.depthFor(0, 16)).isZero();
        assertThat(MerkleTree.depthFor(16, 16)).isZero();
        assertThat(MerkleTree.depthFor(20_000, 16)).isEqualTo(11);
        assertThat(MerkleTree.depthFor(Long.MAX_VALUE / 2, 16)).isEqualTo(MerkleTree.MAX_DEPTH);
    }

    @Test
    void treesOfDifferentDepthsAreNotCompared() {
        assertThatThrownBy(() -> MerkleTree.of(RANGE, 2, List.of()).differingLeaves(MerkleTree.of(RANGE, 3, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
