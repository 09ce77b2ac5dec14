package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterCursorTest {

    @Test
    void zeroIsTheFirstNodesStart() {
        assertThat(ClusterCursor.encode(0, 0)).isEqualTo("0");
        assertThat(ClusterCursor.decode("0", 3)).isEqualTo(new ClusterCursor.Position(0, 0));
    }

    @Test
    void nodeAndNodeCursorRoundTrip() {
        long[] cursors = {0, 1, 17, 1L << 40, (-1L >>> ClusterCursor.NODE_BITS)};
        for (int node = 0; node < 5; node++) {
            for (long c : cursors) {
                String encoded = ClusterCursor.encode(node, c);
                assertThat(Long.parseUnsignedLong(encoded)).as("a number clients can parse").isNotNull();
                assertThat(ClusterCursor.decode(encoded, 5)).isEqualTo(new ClusterCursor.Position(node, c));
            }
        }
    }

    @Test
    void theNextNodesStartIsNotZero() {
        assertThat(ClusterCursor.encode(1, 0)).isEqualTo("1");
        assertThat(ClusterCursor.encode(2, 3)).isEqualTo(Long.toString(3 << ClusterCursor.NODE_BITS | 2));
    }

    @Test
    void aCursorThatDoesNotDecodeIsInvalid() {
        for (String bad : new String[] {"abc", "", "-1", "1.5", "18446744073709551616", " 1"}) {
            assertThatThrownBy(() -> ClusterCursor.decode(bad, 3)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid cursor");
        }
    }

    @Test
    void aCursorNamingANodeTheRackDoesNotHaveIsInvalid() {
        assertThatThrownBy(() -> ClusterCursor.decode("3", 3)).hasMessage("invalid cursor");
        assertThatThrownBy(() -> ClusterCursor.decode(ClusterCursor.encode(7, 9), 3)).hasMessage("invalid cursor");
    }

    @Test
    void aNodeCursorTooLargeToEncodeIsRefused() {
        assertThatThrownBy(() -> ClusterCursor.encode(0, -1L)).hasMessageContaining("too large");
        assertThatThrownBy(() -> ClusterCursor.encode(ClusterCursor.MAX_NODES, 0)).hasMessageContaining("more than");
    }
}
