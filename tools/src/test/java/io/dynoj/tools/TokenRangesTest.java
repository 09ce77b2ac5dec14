package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRangesTest {

    @Test
    void eachTokenOwnsUpToItselfAndTheSmallestWraps() {
        List<TokenRanges.Range> r = TokenRanges.of(List.of(0L, 2147483648L));
        assertThat(r.get(0)).hasToString("[2147483649, 4294967295] + [0, 0]");
        assertThat(r.get(1)).hasToString("[1, 2147483648]");
        assertThat(r.get(0).size() + r.get(1).size()).isEqualTo(TokenRanges.RING_SIZE);
        assertThat(r.get(1).share()).isEqualTo(0.5);
    }

    @Test
    void aSingleTokenOwnsTheWholeRing() {
        assertThat(TokenRanges.of(List.of(5L)).get(0).size()).isEqualTo(TokenRanges.RING_SIZE);
        TokenRanges.Range top = TokenRanges.of(List.of(4294967295L)).get(0);
        assertThat(top).hasToString("[0, 4294967295]");
        assertThat(top.size()).isEqualTo(TokenRanges.RING_SIZE);
    }
}
