package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The float parsing of glibc's strtod and Redis's string2d (checked against redis-server 7.0.15 ZADD). */
class StrtodTest {

    private static Double strict(String s) {
        return Strtod.parseStrict(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static Strtod.Result prefix(String s) {
        return Strtod.parse(s.getBytes(StandardCharsets.US_ASCII), 0);
    }

    @Test
    void acceptsWhatRedisAccepts() {
        assertThat(strict("1.5")).isEqualTo(1.5);
        assertThat(strict("-.5E-1")).isEqualTo(-0.05);
        assertThat(strict("5.")).isEqualTo(5.0);
        assertThat(strict("0x10")).isEqualTo(16.0);
        assertThat(strict("0x1p3")).isEqualTo(8.0);
        assertThat(strict("-0X.8")).isEqualTo(-0.5);
        assertThat(strict("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(strict("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(strict("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        assertThat(strict("0e-500")).isZero();
    }

    @Test
    void refusesWhatRedisRefuses() {
        for (String bad : new String[] {"", " 1", "1 ", "abc", "nan", "-nan", "1e", "0x", "infinit", "1e309",
                "-1e-330", "1.5.2", "+", "."}) {
            assertThat(strict(bad)).as(bad).isNull();
        }
    }

    @Test
    void readsTheLongestPrefixLikeStrtod() {
        assertThat(prefix("  12abc").end()).isEqualTo(4);
        assertThat(prefix("0x").end()).isEqualTo(1);
        assertThat(prefix("1e+").end()).isEqualTo(1);
        assertThat(prefix("infinity!").end()).isEqualTo(8);
        assertThat(prefix("nan(123)x").end()).isEqualTo(8);
        assertThat(prefix("x").end()).isZero();
        assertThat(prefix("1e400").range()).isTrue();
        assertThat(prefix("inf").range()).isFalse();
    }
}
