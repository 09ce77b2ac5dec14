package io.dynoj.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSplitterTest {

    @Test
    void firstNodeTakesZeroThenTheLargestRangeIsHalvedLowestFirst() {
        List<Long> tokens = new ArrayList<>();
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long next = TokenSplitter.next(tokens.stream().sorted().toList());
            taken.add(next);
            tokens.add(next);
        }
        assertThat(taken).containsExactly(0L, 1L << 31, 1L << 30, 3L << 30, 1L << 29);
    }

    @Test
    void aRangeThatWrapsIsSplitPastTheTop() {
        // From 3 * 2^30 over 2^32 round to 2^31 is the largest range: its middle is past the top.
        assertThat(TokenSplitter.next(List.of(1L << 31, 3L << 30))).isEqualTo(1L << 29);
        assertThat(TokenSplitter.next(List.of(3L << 30))).isEqualTo((3L << 30) + (1L << 31) - (1L << 32));
    }

    @Test
    void racksThatGrowAlikeGetTheSameTokens() {
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.add(TokenSplitter.next(a.stream().sorted().toList()));
            b.add(TokenSplitter.next(b.stream().sorted().toList()));
        }
        assertThat(a).isEqualTo(b).doesNotHaveDuplicates().allMatch(t -> t >= 0 && t < TokenSplitter.RING);
    }
}
