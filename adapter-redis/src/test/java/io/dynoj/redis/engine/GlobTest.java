package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GlobTest {

    private static boolean matches(String pattern, String s) {
        return Glob.of(pattern.getBytes(StandardCharsets.UTF_8)).matches(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wildcards() {
        assertThat(matches("*", "")).isTrue();
        assertThat(matches("h*llo", "heeeello")).isTrue();
        assertThat(matches("h*llo", "hllo")).isTrue();
        assertThat(matches("h*llo", "hello!")).isFalse();
        assertThat(matches("h?llo", "hallo")).isTrue();
        assertThat(matches("h?llo", "hllo")).isFalse();
        assertThat(matches("a**", "a")).isTrue();
        assertThat(matches("", "")).isTrue();
        assertThat(matches("", "a")).isFalse();
    }

    @Test
    void classes() {
        assertThat(matches("h[ae]llo", "hello")).isTrue();
        assertThat(matches("h[ae]llo", "hillo")).isFalse();
        assertThat(matches("h[^e]llo", "hallo")).isTrue();
        assertThat(matches("h[^e]llo", "hello")).isFalse();
        assertThat(matches("h[a-c]llo", "hbllo")).isTrue();
        assertThat(matches("h[c-a]llo", "hbllo")).as("reversed range").isTrue();
        assertThat(matches("h[a-c]llo", "hdllo")).isFalse();
        assertThat(matches("[abc", "b")).as("an unterminated class ends at the pattern's end").isTrue();
        assertThat(matches("[]a", "a")).as("[] matches nothing").isFalse();
        assertThat(matches("[\\]]", "]")).isTrue();
    }

    @Test
    void rangesCompareSignedBytesAsRedisDoes() {
        // Checked against redis-server 7.0: [\x01-\xff] is the range -1..1.
        Glob glob = Glob.of(new byte[] {'[', 0x01, '-', (byte) 0xff, ']'});
        assertThat(glob.matches(new byte[] {(byte) 0xff})).isTrue();
        assertThat(glob.matches(new byte[] {0x00})).isTrue();
        assertThat(glob.matches(new byte[] {'a'})).isFalse();
        assertThat(glob.matches(new byte[] {(byte) 0x80})).isFalse();
    }

    @Test
    void escapes() {
        assertThat(matches("a\\*", "a*")).isTrue();
        assertThat(matches("a\\*", "ab")).isFalse();
        assertThat(matches("a\\", "a\\")).as("a trailing backslash is literal").isTrue();
    }

    @Test
    void manyStarsStayFast() {
        String s = "a".repeat(5000);
        assertThat(matches("*a*a*a*a*a*a*a*a*a*a*a*b", s)).isFalse();
    }
}
