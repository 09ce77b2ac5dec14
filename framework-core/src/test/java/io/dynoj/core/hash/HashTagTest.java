package io.dynoj.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tag selection as Dynomite's redis/memcache parsers do it: first open byte, then the first close
 * byte after it, the range between them even when empty; otherwise the whole key.
 */
class HashTagTest {

    private static final HashTag BRACES = HashTag.parse("{}");

    /** The selected bytes as a string, or "<whole>" when the whole key is selected. */
    private static String selected(HashTag tag, String key) {
        byte[] b = key.getBytes(StandardCharsets.ISO_8859_1);
        KeyRange r = tag.select(b, 0, b.length);
        if (r.index() == 0 && r.length() == b.length) {
            return "<whole>";
        }
        return "[" + new String(b, r.index(), r.length(), StandardCharsets.ISO_8859_1) + "]";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "user{42}.name | [42]",
        "{42}          | [42]",
        "{42}tail      | [42]",
        "head{42}      | [42]",
        "abc           | <whole>",
        "{abc          | <whole>",      // no close after the open
        "abc}          | <whole>",      // no open
        "a}b{c         | <whole>",      // the only close is before the open
        "a}b{c}d       | [c]",
        "a{}b          | []",           // empty tag: selected as empty, Dynomite has no non-empty check
        "{}            | []",
        "{{}}          | [{]",          // first open, first close after it
        "{a{b}c}       | [a{b]",
        "{x}{y}        | [x]",
        "}{            | <whole>",
        "{}{x}         | []",
    })
    void braces(String key, String expected) {
        assertThat(selected(BRACES, key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a$b$c  | [b]",
        "a$b    | <whole>",
        "$$     | []",
        "$a$b$  | [a]",
        "abc    | <whole>",
    })
    void sameOpenAndCloseCharacter(String key, String expected) {
        assertThat(selected(HashTag.parse("$$"), key)).isEqualTo(expected);
    }

    @Test
    void emptyKeySelectsTheEmptyWholeKey() {
        assertThat(BRACES.select(new byte[0], 0, 0)).isEqualTo(new KeyRange(0, 0));
    }

    @Test
    void arrayRangeUsesArrayOffsetsAndIgnoresBytesOutsideTheRange() {
        byte[] b = "{zz}key{7}x{".getBytes(StandardCharsets.US_ASCII);
        // Only "key{7}x" (offset 4, length 7) is the key: the braces around it must not count.
        assertThat(BRACES.select(b, 4, 7)).isEqualTo(new KeyRange(8, 1));
        // "key{7" alone: the close is outside the range, so the whole range is hashed
        assertThat(BRACES.select(b, 4, 5)).isEqualTo(new KeyRange(4, 5));
    }

    @Test
    void byteBufSelectionUsesAbsoluteIndexesAndLeavesIndexesAlone() {
        ByteBuf buf = Unpooled.copiedBuffer("}}}a{bc}d{{{", StandardCharsets.US_ASCII);
        try {
            buf.readerIndex(3).writerIndex(9); // readable: "a{bc}d"
            assertThat(BRACES.select(buf)).isEqualTo(new KeyRange(5, 2));
            assertThat(buf.readerIndex()).isEqualTo(3);
            assertThat(buf.writerIndex()).isEqualTo(9);
            assertThat(BRACES.slice(buf).toString(StandardCharsets.US_ASCII)).isEqualTo("bc");
        } finally {
            buf.release();
        }
    }

    @Test
    void byteBufCloseRightAtTheEndOfTheReadableBytes() {
        ByteBuf buf = Unpooled.copiedBuffer("a{", StandardCharsets.US_ASCII);
        try {
            assertThat(BRACES.select(buf)).isEqualTo(new KeyRange(0, 2)); // open is the last byte
        } finally {
            buf.release();
        }
    }

    @Test
    void sliceIsTheKeyItselfWhenNoTagApplies() {
        ByteBuf buf = Unpooled.copiedBuffer("plain", StandardCharsets.US_ASCII);
        try {
            assertThat(BRACES.slice(buf)).isSameAs(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void bytesAreComparedExactlyIncludingHighBytes() {
        HashTag tag = HashTag.of((byte) 0xff, (byte) 0x80);
        byte[] key = {'a', (byte) 0xff, 'b', 'c', (byte) 0x80, 'd'};
        assertThat(tag.select(key, 0, key.length)).isEqualTo(new KeyRange(2, 2));
        assertThat(tag.open()).isEqualTo((byte) 0xff);
        assertThat(tag.close()).isEqualTo((byte) 0x80);
        // UTF-8 "é" is c3 a9: it contains neither brace
        byte[] utf8 = "\u00e9{\u00e9}".getBytes(StandardCharsets.UTF_8);
        assertThat(BRACES.select(utf8, 0, utf8.length)).isEqualTo(new KeyRange(3, 2));
    }

    @Test
    void parseWantsExactlyTwoAsciiCharacters() {
        assertThat(HashTag.parse("{}")).isEqualTo(HashTag.of((byte) '{', (byte) '}'));
        assertThat(HashTag.parse("{}").toString()).isEqualTo("{}");
        assertThat(HashTag.parse("$$").open()).isEqualTo((byte) '$');
        for (String bad : new String[] {"", "{", "{}}", "\u00e9}", "{\u20ac"}) {
            assertThatThrownBy(() -> HashTag.parse(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("two ASCII characters");
        }
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> BRACES.select(new byte[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
