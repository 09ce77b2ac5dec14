package io.dynoj.memcached.protocol;

import static io.dynoj.memcached.protocol.MemcachedRequestDecoderTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ProtocolLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The framer ({@link MemcachedRequestDecoder}) where its state matters: data blocks, bad chunks,
 * swallowed blocks, long lines, closes. Wherever TCP cuts the bytes the same requests come out, and
 * no input makes it throw or leak (the leak detector runs on PARANOID and fails the class).
 */
class RequestFramingTest {

    /** maxRequestBytes 3000: a get line may pass 2048 bytes. */
    private static final ProtocolLimits LIMITS = new ProtocolLimits(3000, 64, 10_000, true);
    /** maxRequestBytes 100: larger requests are swallowed. */
    private static final ProtocolLimits SMALL = new ProtocolLimits(100, 64, 10, true);

    private record Case(String input, List<String> expected, ProtocolLimits limits) {
        Case(String input, List<String> expected) {
            this(input, expected, LIMITS);
        }
    }

    private static final String LONG_GET = "get " + "k ".repeat(1100);

    private static final List<Case> CASES = List.of(
            new Case("set k 0 0 6\r\nab\r\ncd\r\nget k\r\n", List.of("set[WRITE] k | set k 0 0 6\\r\\nab\\r\\ncd\\r\\n",
                    "get[READ] k | get k\\r\\n")),
            new Case("set k 0 0 1\r\nxyz\r\nmn\r\n", List.of("refused: CLIENT_ERROR bad data chunk", "refused: ERROR",
                    "mn[LOCAL] | mn\\r\\n")),
            new Case("cas k 0 0 1 5 noreply\r\nxy\r\nmn\r\n", List.of("refused: ", "refused: ERROR",
                    "mn[LOCAL] | mn\\r\\n")),
            new Case("ms k 2 q b\r\nab\r\nms k 2 q\r\nab\r\n", List.of(
                    "refused: CLIENT_ERROR Dynoj does not support base64 keys (b flag)",
                    "ms[WRITE] k quiet | ms k 2 q\\r\\nab\\r\\n")),
            new Case("set k 0 0 100\r\n" + "x".repeat(100) + "\r\nms k 95 q\r\n" + "y".repeat(95) + "\r\nmn\r\n",
                    List.of("refused: SERVER_ERROR object too large for cache",
                            "refused: SERVER_ERROR object too large for cache", "mn[LOCAL] | mn\\r\\n"), SMALL),
            new Case(LONG_GET + "\r\nmn\r\n", List.of("get[READ] " + "k ".repeat(1100).trim() + " | "
                    + LONG_GET + "\\r\\n", "mn[LOCAL] | mn\\r\\n")),
            new Case(LONG_GET.repeat(2) + "\r\nmn\r\n", List.of("refused: SERVER_ERROR out of memory reading request +close")),
            new Case("set " + "k".repeat(2050) + "\r\nmn\r\n", List.of("refused:  +close")),
            new Case("mn\r\nquit\r\nmn\r\n", List.of("mn[LOCAL] | mn\\r\\n", "quit[LOCAL] | quit\\r\\n")),
            new Case("GET / HTTP/1.1\r\nmn\r\n", List.of("refused:  +close")),
            // A lone LF ends a line; a CR elsewhere is part of a word (so "mn\rmn" is an unknown command).
            new Case("mn\n\r\nmn\rmn\r\nmn\r\n", List.of("mn[LOCAL] | mn\\n", "refused: ERROR", "refused: ERROR",
                    "mn[LOCAL] | mn\\r\\n")));

    @Test
    void eachCaseAsExpectedWhole() {
        for (Case c : CASES) {
            assertThat(decodeWith(c.limits(), bytes(c.input()))).as(shorten(c.input()))
                    .containsExactlyElementsOf(c.expected());
        }
    }

    @Test
    void sameRequestsWhereverOneCutFalls() {
        for (Case c : CASES) {
            byte[] input = bytes(c.input());
            for (int cut : oneCutPlaces(input)) {
                assertThat(decodeWith(c.limits(), input, cut)).as("%s cut at %d", shorten(c.input()), cut)
                        .containsExactlyElementsOf(c.expected());
            }
        }
    }

    @Test
    void sameRequestsOneByteAtATimeAndInRandomPieces() {
        Random random = new Random(3);
        for (Case c : CASES) {
            byte[] input = bytes(c.input());
            int[] everyByte = new int[input.length - 1];
            Arrays.setAll(everyByte, i -> i + 1);
            assertThat(decodeWith(c.limits(), input, everyByte)).as(shorten(c.input()))
                    .containsExactlyElementsOf(c.expected());
            for (int round = 0; round < 30; round++) {
                int[] cuts = randomCuts(random, input.length);
                assertThat(decodeWith(c.limits(), input, cuts)).as("%s cut at %s", shorten(c.input()),
                        Arrays.toString(cuts)).containsExactlyElementsOf(c.expected());
            }
        }
    }

    /**
     * Every byte boundary of a short input. In a line longer than 2048 bytes (each cut costs a channel,
     * and the leak detector records every byte read) the framer's state changes only near its start,
     * the 2048-byte limit, a newline and the end: every boundary there, and every 199th elsewhere.
     */
    private static List<Integer> oneCutPlaces(byte[] input) {
        List<Integer> places = new ArrayList<>(List.of(0, LineScanner.MAX_LINE, input.length));
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                places.add(i);
            }
        }
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 1; cut < input.length; cut++) {
            int at = cut;
            if (input.length <= 600 || cut % 199 == 0 || places.stream().anyMatch(p -> Math.abs(at - p) <= 8)) {
                cuts.add(cut);
            }
        }
        return cuts;
    }

    /** Random bytes around pieces of real requests: whole or in pieces, the same requests, and nothing thrown or leaked. */
    @Test
    void randomGarbageGivesTheSameRequestsWhateverTheCuts() {
        Random random = new Random(5);
        String[] pieces = {"set k 0 0 5\r\n", "get ", "gets a b\r\n", "ms k 3 ", "mg k v\r\n", "\r\n", "\n", " ",
            "noreply", "cas k 0 0 2 ", "incr k 1\r\n", "quit", "HTTP/1.1", "b ", "q ", "0 ", "-1 ", "18446744073709551616 "};
        for (int round = 0; round < 1000; round++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 40 + random.nextInt(400)) {
                if (random.nextBoolean()) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                } else {
                    text.append((char) random.nextInt(256));
                }
            }
            byte[] input = bytes(text.toString());
            ProtocolLimits limits = new ProtocolLimits(2 + random.nextInt(600), 64, 1 + random.nextInt(5),
                    random.nextBoolean());
            List<String> whole = decodeWith(limits, input);
            assertThat(decodeWith(limits, input, randomCuts(random, input.length)))
                    .as("round %d", round).containsExactlyElementsOf(whole);
            // The same bytes as a forwarded frame: exactly one request, served or refused.
            MemcachedRequest frame = MemcachedRequestDecoder.decodeComplete(Unpooled.copiedBuffer(input));
            assertThat(frame).isNotNull();
            frame.release();
        }
    }

    private static List<String> decodeWith(ProtocolLimits limits, byte[] input, int... cuts) {
        EmbeddedChannel ch = MemcachedRequestDecoderTest.channel(limits);
        try {
            return decode(ch, input, cuts);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static int[] randomCuts(Random random, int length) {
        List<Integer> cuts = new ArrayList<>();
        for (int at = 1 + random.nextInt(Math.max(1, length / 3)); at < length; at += 1 + random.nextInt(length / 3 + 1)) {
            cuts.add(at);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String shorten(String s) {
        String visible = s.replace("\r", "\\r").replace("\n", "\\n");
        return visible.length() > 60 ? visible.substring(0, 60) + "...(" + s.length() + " bytes)" : visible;
    }
}
