package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RespScannerTest {

    /** One value of every type, and what a visitor hears of it. */
    private static final Map<String, List<String>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("+OK\r\n", List.of("SIMPLE_STRING OK"));
        VALUES.put("+\r\n", List.of("SIMPLE_STRING "));
        VALUES.put("-ERR no such key\r\n", List.of("ERROR ERR no such key"));
        VALUES.put(":-42\r\n", List.of("INTEGER -42"));
        VALUES.put("$5\r\nhe\r\nl\r\n", List.of("BULK_STRING he\r\nl"));
        VALUES.put("$0\r\n\r\n", List.of("BULK_STRING "));
        VALUES.put("$-1\r\n", List.of("BULK_STRING null"));
        VALUES.put("*-1\r\n", List.of("ARRAY -1"));
        VALUES.put("*0\r\n", List.of("ARRAY 0"));
        VALUES.put("_\r\n", List.of("NULL "));
        VALUES.put("#t\r\n", List.of("BOOLEAN t"));
        VALUES.put(",3.14\r\n", List.of("DOUBLE 3.14"));
        VALUES.put("(3492890328409238509324850943850943825024385\r\n",
                List.of("BIG_NUMBER 3492890328409238509324850943850943825024385"));
        VALUES.put("!9\r\nSYNTAX no\r\n", List.of("BULK_ERROR SYNTAX no"));
        VALUES.put("=7\r\ntxt:abc\r\n", List.of("VERBATIM_STRING txt:abc"));
        VALUES.put("%1\r\n+k\r\n:1\r\n", List.of("MAP 1", "SIMPLE_STRING k", "INTEGER 1"));
        VALUES.put("~2\r\n:1\r\n:2\r\n", List.of("SET 2", "INTEGER 1", "INTEGER 2"));
        VALUES.put(">2\r\n+message\r\n$1\r\nx\r\n", List.of("PUSH 2", "SIMPLE_STRING message", "BULK_STRING x"));
        VALUES.put("|1\r\n+ttl\r\n:3\r\n$1\r\nv\r\n",
                List.of("ATTRIBUTE 1", "SIMPLE_STRING ttl", "INTEGER 3", "BULK_STRING v"));
        VALUES.put("*3\r\n$1\r\na\r\n*2\r\n:1\r\n*1\r\n$-1\r\n+x\r\n",
                List.of("ARRAY 3", "BULK_STRING a", "ARRAY 2", "INTEGER 1", "ARRAY 1", "BULK_STRING null",
                        "SIMPLE_STRING x"));
        VALUES.put("*2\r\n*0\r\n%2\r\n+a\r\n*1\r\n:1\r\n+b\r\n_\r\n",
                List.of("ARRAY 2", "ARRAY 0", "MAP 2", "SIMPLE_STRING a", "ARRAY 1", "INTEGER 1", "SIMPLE_STRING b",
                        "NULL "));
    }

    /** Writes what the scanner tells it as "TYPE text". */
    private static final class Recorder implements RespScanner.Visitor {
        final List<String> heard = new ArrayList<>();

        @Override
        public void line(RespType type, ByteBuf buf, int from, int to) {
            heard.add(type + " " + buf.toString(from, to - from, StandardCharsets.UTF_8));
        }

        @Override
        public void bulk(RespType type, ByteBuf buf, int from, int length) {
            heard.add(type + " " + (length < 0 ? "null" : buf.toString(from, length, StandardCharsets.UTF_8)));
        }

        @Override
        public void aggregate(RespType type, long count) {
            heard.add(type + " " + count);
        }
    }

    private static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void theSamplesCoverEveryType() {
        Set<RespType> seen = EnumSet.noneOf(RespType.class);
        VALUES.keySet().forEach(v -> seen.add(RespType.of((byte) v.charAt(0))));
        assertThat(seen).containsExactlyInAnyOrder(RespType.values());
    }

    @Test
    void scansEveryTypeWhole() {
        VALUES.forEach((value, expected) -> {
            Recorder recorder = new Recorder();
            ByteBuf in = buf(value + "+next\r\n");
            assertThat(new RespScanner(recorder).scan(in, 0, in.writerIndex())).as(value).isEqualTo(value.length());
            assertThat(recorder.heard).as(value).isEqualTo(expected);
            in.release();
        });
    }

    @Test
    void resumesWhereverTheBytesBreakAndTellsOfEachValueOnce() {
        VALUES.forEach((value, expected) -> {
            ByteBuf all = buf(value);
            for (int cut = 0; cut < value.length(); cut++) {
                Recorder recorder = new Recorder();
                RespScanner scanner = new RespScanner(recorder);
                assertThat(scanner.scan(all, 0, cut)).as("%s cut at %d", value, cut).isEqualTo(-1);
                assertThat(scanner.scan(all, 0, all.writerIndex())).as("%s cut at %d", value, cut)
                        .isEqualTo(value.length());
                assertThat(recorder.heard).as("%s cut at %d", value, cut).isEqualTo(expected);
            }
            all.release();
        });
    }

    @Test
    void resumesByteByByteWhenTheValueMovesInItsBuffer() {
        String value = "*3\r\n$1\r\na\r\n*2\r\n:1\r\n*1\r\n$-1\r\n+x\r\n";
        Recorder recorder = new Recorder();
        RespScanner scanner = new RespScanner(recorder);
        int length = -1;
        for (int n = 0; n <= value.length() && length < 0; n++) {
            // a different offset each time, as a decoder's cumulation may discard the bytes before the value
            ByteBuf moved = buf("x".repeat(n % 4) + value.substring(0, n));
            length = scanner.scan(moved, n % 4, moved.writerIndex());
            moved.release();
        }
        assertThat(length).isEqualTo(value.length());
        assertThat(recorder.heard).isEqualTo(VALUES.get(value));
    }

    @Test
    void scansOneValueAtATimeFromAStream() {
        String stream = String.join("", VALUES.keySet());
        ByteBuf in = buf(stream);
        RespScanner scanner = new RespScanner();
        List<String> values = new ArrayList<>();
        int at = 0;
        while (at < in.writerIndex()) {
            int length = scanner.scan(in, at, in.writerIndex());
            values.add(in.toString(at, length, StandardCharsets.UTF_8));
            at += length;
        }
        in.release();
        assertThat(values).containsExactlyElementsOf(VALUES.keySet());
    }

    @Test
    void garbageIsACorruptedFrameAndTheScannerStartsAfresh() {
        for (String garbage : List.of("?what\r\n", "$x\r\nab\r\n", "$2\r\nabc\r\n", "*two\r\n", "+a\rb\r\n",
                "*2\r\n:1\r\nhello\r\n", "$\r\n", "*99999999999\r\n", "$1234567890123456789\r\n", "\r\n")) {
            RespScanner scanner = new RespScanner(new Recorder());
            ByteBuf in = buf(garbage);
            assertThatThrownBy(() -> scanner.scan(in, 0, in.writerIndex())).as(garbage)
                    .isInstanceOf(CorruptedFrameException.class);
            in.release();
            ByteBuf good = buf(":1\r\n");
            assertThat(scanner.scan(good, 0, good.writerIndex())).as("after %s", garbage).isEqualTo(4);
            good.release();
        }
    }

    @Test
    void aMissingValueIsIncompleteNotGarbage() {
        ByteBuf in = buf("*2\r\n:1\r\n");
        assertThat(new RespScanner().scan(in, 0, in.writerIndex())).isEqualTo(-1);
        assertThatThrownBy(() -> RespScanner.valueEnd(in, 0)).isInstanceOf(CorruptedFrameException.class);
        in.release();
    }

    @Test
    void valueEndFindsTheEndOfTheValueAtAnIndex() {
        ByteBuf in = buf("*2\r\n$3\r\nabc\r\n*1\r\n:7\r\n+rest\r\n");
        assertThat(RespScanner.valueEnd(in, 0)).isEqualTo(21);
        assertThat(RespScanner.valueEnd(in, 4)).isEqualTo(13);
        assertThat(RespScanner.valueEnd(in, 21)).isEqualTo(in.writerIndex());
        in.release();
    }

    @Test
    void numbersAreStrictDecimals() {
        assertThat(number("0")).isZero();
        assertThat(number("-1")).isEqualTo(-1);
        assertThat(number("123456789012345678")).isEqualTo(123456789012345678L);
        assertThat(number("-123456789012345678")).isEqualTo(-123456789012345678L);
        for (String bad : List.of("", "-", "1x", " 1", "+1", "1234567890123456789", "9999999999999999999")) {
            assertThat(number(bad)).as("'%s'", bad).isEqualTo(Long.MIN_VALUE);
        }
    }

    private static long number(String text) {
        ByteBuf in = buf("<" + text + ">");
        try {
            return RespScanner.number(in, 1, 1 + text.length());
        } finally {
            in.release();
        }
    }
}
