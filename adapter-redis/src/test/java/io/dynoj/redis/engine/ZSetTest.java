package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZSetTest {

    private static List<String> members(ZSet z) {
        return z.ascending().stream().map(e -> e.member().toString()).toList();
    }

    @Test
    void ordersByScoreThenMemberWithMinusZeroEqualToZero() {
        ZSet z = new ZSet();
        z.put(Bytes.of("b"), -0.0);
        z.put(Bytes.of("a"), 0.0);
        z.put(Bytes.of("c"), -1);
        z.put(Bytes.of("ab"), 0.0);
        assertThat(members(z)).containsExactly("c", "a", "ab", "b");
        assertThat(z.rank(Bytes.of("b"))).isEqualTo(3);
        assertThat(z.rank(Bytes.of("b"), true)).isZero();
        assertThat(z.rank(Bytes.of("nope"))).isEqualTo(-1);
    }

    @Test
    void updatesMoveMembersAndRemovalsKeepTheOrder() {
        ZSet z = new ZSet();
        for (int i = 0; i < 100; i++) {
            assertThat(z.put(Bytes.of("m" + i), i)).isTrue();
        }
        assertThat(z.put(Bytes.of("m0"), 1000)).isFalse();
        assertThat(z.last().member()).isEqualTo(Bytes.of("m0"));
        assertThat(z.first().member()).isEqualTo(Bytes.of("m1"));
        assertThat(z.removeAll(List.copyOf(z.ascending().subList(0, 50)))).isEqualTo(50);
        assertThat(z.size()).isEqualTo(50);
        assertThat(z.score(Bytes.of("m10"))).isNull();
        assertThat(z.first().member()).isEqualTo(Bytes.of("m51"));
        assertThat(z.remove(Bytes.of("m51"))).isTrue();
        assertThat(z.remove(Bytes.of("m51"))).isFalse();
        assertThat(z.rank(Bytes.of("m0"))).isEqualTo(48);
    }

    @Test
    void decodesWhatItEncodesWithMinusZeroStoredAsZero() {
        ZSet z = new ZSet();
        z.put(Bytes.of("x"), -0.0);
        z.put(Bytes.of("y"), Double.NEGATIVE_INFINITY);
        z.put(Bytes.of("z"), 1.1);
        ZSet back = Codec.decodeZSet(Codec.encodeZSet(z));
        assertThat(members(back)).containsExactly("y", "x", "z");
        assertThat(Double.doubleToRawLongBits(back.score(Bytes.of("x")))).isZero();
        assertThat(back.score(Bytes.of("z"))).isEqualTo(1.1);
    }
}
