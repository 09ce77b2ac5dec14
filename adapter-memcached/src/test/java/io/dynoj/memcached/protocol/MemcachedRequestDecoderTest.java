package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoder on an EmbeddedChannel. Where a test states what memcached answers, that is what
 * memcached 1.6.18 ({@code memcached -l 127.0.0.1 -p PORT -U 0}) answered the same bytes on a socket.
 */
class MemcachedRequestDecoderTest {

    private static final ProtocolLimits FLUSH_ALLOWED = new ProtocolLimits(
            ProtocolLimits.DEFAULTS.maxRequestBytes(), ProtocolLimits.DEFAULTS.maxInlineBytes(),
            ProtocolLimits.DEFAULTS.maxArguments(), true);

    /** Every command, with the parts of it that matter, and how each is read. */
    private static final String PIPELINE = "get a\r\n"
            + "get a bb a\r\n"
            + "gets  x  y \r\n"
            + "gat 10 a b\r\n"
            + "gats -1 c\r\n"
            + "set k 1 0 5\r\nhello\r\n"
            + "add k 0 0 0 noreply\r\n\r\n"
            + "replace k 4294967295 -1 3\r\na\r\n\r\n"
            + "append k 0 0 2\nab\r\n"
            + "prepend k 0 0 1 whatever\r\nx\r\n"
            + "cas k 0 0 1 18446744073709551615 noreply\r\nx\r\n"
            + "delete k\r\n"
            + "delete k noreply\r\n"
            + "delete k 0\r\n"
            + "delete k 0 noreply\r\n"
            + "incr n 18446744073709551615\r\n"
            + "decr n 1 noreply\r\n"
            + "touch k 100\r\n"
            + "touch k -1 noreply\r\n"
            + "version\r\n"
            + "verbosity 1\r\n"
            + "verbosity 1 noreply\r\n"
            + "stats\r\n"
            + "stats slabs\r\n"
            + "flush_all\r\n"
            + "flush_all 10 noreply\r\n"
            + "mg k v\r\n"
            + "mg k v q k O123\r\n"
            + "mg k T30 v\r\n"
            + "mg k N30 v\r\n"
            + "mg k R30 v\r\n"
            + "mg k E99 v\r\n"
            + "ms k 2 T0 F5\r\nhi\r\n"
            + "ms k 0 q\r\n\r\n"
            + "md k q\r\n"
            + "md k\r\n"
            + "ma k D5 MD\r\n"
            + "ma k q\r\n"
            + "mn\r\n"
            + "quit\r\n";

    private static final List<String> EXPECTED = List.of(
            "get[READ] a | get a\\r\\n",
            "get[READ] a bb a | get a bb a\\r\\n",
            "gets[READ] x y | gets  x  y \\r\\n",
            "gat[WRITE] a b | gat 10 a b\\r\\n",
            "gats[WRITE] c | gats -1 c\\r\\n",
            "set[WRITE] k | set k 1 0 5\\r\\nhello\\r\\n",
            "add[WRITE] k noreply | add k 0 0 0 noreply\\r\\n\\r\\n",
            "replace[WRITE] k | replace k 4294967295 -1 3\\r\\na\\r\\n\\r\\n",
            "append[WRITE] k | append k 0 0 2\\nab\\r\\n",
            "prepend[WRITE] k | prepend k 0 0 1 whatever\\r\\nx\\r\\n",
            "cas[WRITE] k noreply | cas k 0 0 1 18446744073709551615 noreply\\r\\nx\\r\\n",
            "delete[WRITE] k | delete k\\r\\n",
            "delete[WRITE] k noreply | delete k noreply\\r\\n",
            "delete[WRITE] k | delete k 0\\r\\n",
            "delete[WRITE] k noreply | delete k 0 noreply\\r\\n",
            "incr[WRITE] n | incr n 18446744073709551615\\r\\n",
            "decr[WRITE] n noreply | decr n 1 noreply\\r\\n",
            "touch[WRITE] k | touch k 100\\r\\n",
            "touch[WRITE] k noreply | touch k -1 noreply\\r\\n",
            "version[LOCAL] | version\\r\\n",
            "verbosity[LOCAL] | verbosity 1\\r\\n",
            "verbosity[LOCAL] noreply | verbosity 1 noreply\\r\\n",
            "stats[LOCAL] | stats\\r\\n",
            "stats[LOCAL] | stats slabs\\r\\n",
            "flush_all[ADMIN] | flush_all\\r\\n",
            "flush_all[ADMIN] noreply | flush_all 10 noreply\\r\\n",
            "mg[READ] k | mg k v\\r\\n",
            "mg[READ] k quiet | mg k v q k O123\\r\\n",
            "mg[WRITE] k | mg k T30 v\\r\\n",
            "mg[WRITE] k | mg k N30 v\\r\\n",
            "mg[WRITE] k | mg k R30 v\\r\\n",
            "mg[WRITE] k | mg k E99 v\\r\\n",
            "ms[WRITE] k | ms k 2 T0 F5\\r\\nhi\\r\\n",
            "ms[WRITE] k quiet | ms k 0 q\\r\\n\\r\\n",
            "md[WRITE] k quiet | md k q\\r\\n",
            "md[WRITE] k | md k\\r\\n",
            "ma[WRITE] k | ma k D5 MD\\r\\n",
            "ma[WRITE] k quiet | ma k q\\r\\n",
            "mn[LOCAL] | mn\\r\\n",
            "quit[LOCAL] | quit\\r\\n");

    static EmbeddedChannel channel() {
        return channel(FLUSH_ALLOWED);
    }

    static EmbeddedChannel channel(ProtocolLimits limits) {
        return new EmbeddedChannel(new MemcachedRequestDecoder(limits));
    }

    static List<String> decode(EmbeddedChannel ch, byte[] input, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.copiedBuffer(input, from, cut - from));
            from = cut;
        }
        ch.writeInbound(Unpooled.copiedBuffer(input, from, input.length - from));
        return drain(ch);
    }

    static List<String> decode(EmbeddedChannel ch, String input) {
        return decode(ch, input.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Decodes {@code input} on a new channel, checks it left nothing behind, and describes what came out. */
    static List<String> decode(String input) {
        EmbeddedChannel ch = channel();
        List<String> out = decode(ch, input);
        ch.finishAndReleaseAll();
        return out;
    }

    static List<String> drain(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        MemcachedRequest r;
        while ((r = ch.readInbound()) != null) {
            out.add(describe(r));
            r.release();
        }
        return out;
    }

    /** "command[KIND] keys [noreply] [quiet] | frame", or "refused: line" with "+close". */
    static String describe(MemcachedRequest r) {
        if (r.refusal() != null) {
            return "refused: " + r.refusal() + (r.closeAfter() ? " +close" : "");
        }
        StringBuilder sb = new StringBuilder(r.command()).append('[').append(r.kind()).append(']');
        for (int i = 0; i < r.keyCount(); i++) {
            sb.append(' ').append(r.keyString(i));
        }
        if (r.noreply()) {
            sb.append(" noreply");
        }
        if (r.quiet()) {
            sb.append(" quiet");
        }
        String frame = r.frame().toString(StandardCharsets.ISO_8859_1);
        return sb.append(" | ").append(frame.replace("\r", "\\r").replace("\n", "\\n")).toString();
    }

    @Test
    void decodesEveryCommand() {
        EmbeddedChannel ch = channel();
        assertThat(decode(ch, PIPELINE)).containsExactlyElementsOf(EXPECTED);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void sameRequestsWhateverWhereTheBytesAreSplit() {
        byte[] input = PIPELINE.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < input.length; cut++) {
            EmbeddedChannel ch = channel();
            assertThat(decode(ch, input, cut)).as("split at %d", cut).containsExactlyElementsOf(EXPECTED);
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void sameRequestsWhenFedOneByteAtATime() {
        byte[] input = PIPELINE.getBytes(StandardCharsets.US_ASCII);
        int[] cuts = new int[input.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        EmbeddedChannel ch = channel();
        assertThat(decode(ch, input, cuts)).containsExactlyElementsOf(EXPECTED);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void errorsAndTheirEffectOnWhatFollowsWhateverTheSplit() {
        // memcached: CLIENT_ERROR bad data chunk, ERROR (the "\n" left over), END for the get;
        // then CLIENT_ERROR bad command line format, ERROR (its data read as a command).
        String input = "set k 0 0 1\r\nab\r\nget k\r\nset k 0 0 x\r\nab\r\nms k 2 b\r\nxy\r\nmn\r\n";
        List<String> expected = List.of("refused: CLIENT_ERROR bad data chunk", "refused: ERROR",
                "get[READ] k | get k\\r\\n", "refused: CLIENT_ERROR bad command line format", "refused: ERROR",
                "refused: CLIENT_ERROR Dynoj does not support base64 keys (b flag)", "mn[LOCAL] | mn\\r\\n");
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < bytes.length; cut++) {
            EmbeddedChannel ch = channel();
            assertThat(decode(ch, bytes, cut)).as("split at %d", cut).containsExactlyElementsOf(expected);
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void frameIsTheOriginalBytesAndKeysAreSlicesOfIt() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("set k\u00ff\t 7 0 3\r\n\u0000\r\n\r\n", StandardCharsets.ISO_8859_1));
        MemcachedRequest r = ch.readInbound();
        assertThat(r.frame().toString(StandardCharsets.ISO_8859_1)).isEqualTo("set k\u00ff\t 7 0 3\r\n\u0000\r\n\r\n");
        assertThat(r.key(0).toString(StandardCharsets.ISO_8859_1)).isEqualTo("k\u00ff\t");
        assertThat(r.keyOffset(0)).isEqualTo(4);
        assertThat(r.expectsReply()).isTrue();
        r.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void manyKeysAndALongGetLine() {
        StringBuilder line = new StringBuilder("get");
        for (int i = 0; i < 5000; i++) {
            line.append(' ').append("key").append(i);
        }
        line.append("\r\n");
        byte[] bytes = line.toString().getBytes(StandardCharsets.US_ASCII);
        EmbeddedChannel ch = channel();
        for (int i = 0; i < bytes.length; i += 1000) {
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(1000, bytes.length - i)));
        }
        MemcachedRequest r = ch.readInbound();
        assertThat(r.keyCount()).isEqualTo(5000);
        assertThat(r.keyString(4999)).isEqualTo("key4999");
        assertThat(r.frame().readableBytes()).isEqualTo(bytes.length);
        r.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesALargeDataBlockArrivingInChunks() {
        byte[] value = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(value);
        ByteBuf frame = Unpooled.buffer();
        frame.writeCharSequence("set big 0 0 " + value.length + "\r\n", StandardCharsets.US_ASCII);
        frame.writeBytes(value).writeBytes(new byte[] {'\r', '\n'});
        frame.writeCharSequence("ms big2 " + value.length + " T0\r\n", StandardCharsets.US_ASCII);
        frame.writeBytes(value).writeBytes(new byte[] {'\r', '\n'});
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        frame.release();
        EmbeddedChannel ch = channel();
        for (int i = 0; i < bytes.length; i += 65536) {
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(65536, bytes.length - i)));
        }
        MemcachedRequest set = ch.readInbound();
        MemcachedRequest ms = ch.readInbound();
        assertThat(set.commandType()).isEqualTo(MemcachedCommand.SET);
        assertThat(set.keyString(0)).isEqualTo("big");
        assertThat(set.frame().readableBytes()).isEqualTo(("set big 0 0 " + value.length + "\r\n").length() + value.length + 2);
        assertThat(ms.commandType()).isEqualTo(MemcachedCommand.MS);
        byte[] data = new byte[value.length];
        ms.frame().getBytes(ms.frame().readerIndex() + ms.frame().readableBytes() - value.length - 2, data);
        assertThat(data).isEqualTo(value);
        set.release();
        ms.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void randomGarbageNeverThrowsAndNeverLeaks() {
        Random random = new Random(42);
        String[] prefixes = {"", "set k 0 0 5\r\n", "get ", "ms k 3 ", "mg k ", "gat 1 ", "cas k 0 0 2 ", "delete ",
            "set k 0 0 1", "\r\n", "incr "};
        for (int round = 0; round < 2000; round++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            for (int i = 0; i < junk.length; i++) {
                if (random.nextInt(8) == 0) {
                    junk[i] = (byte) " \r\n0123456789".charAt(random.nextInt(13));
                }
            }
            byte[] prefix = prefixes[round % prefixes.length].getBytes(StandardCharsets.US_ASCII);
            byte[] input = new byte[prefix.length + junk.length];
            System.arraycopy(prefix, 0, input, 0, prefix.length);
            System.arraycopy(junk, 0, input, prefix.length, junk.length);
            EmbeddedChannel ch = channel(new ProtocolLimits(200, 64, 10, round % 2 == 0));
            int cut = input.length == 0 ? 0 : random.nextInt(input.length);
            decode(ch, input, cut);
            ch.finishAndReleaseAll();
        }
    }

    // ------------------------------------------------------------ errors, as memcached answers them

    @Test
    void unknownCommandsAndWrongTokenCountsAreError() {
        // memcached: ERROR for each; names are case-sensitive ("GET k" is unknown), tabs do not separate.
        assertThat(decode("GET k\r\nx\r\n\r\n\n   \r\nget\r\ngets   \r\nget\tk\r\nset k 0 0\r\nset k 0 0 1 2 3\r\n"
                + "cas k 0 0 1\r\ndelete\r\ndelete a b c d\r\nincr k\r\ntouch k\r\nverbosity\r\nflush_all a b c\r\n"
                + "mg\r\nms\r\nmd\r\nma\r\nmx k\r\nmz k\r\nslabs reassign 1 2\r\nbget\r\n"))
                .containsOnly("refused: ERROR").hasSize(25);
        // memcached still serves its undocumented "bget" as a get (END).
        assertThat(decode("bget k\r\n")).containsExactly("get[READ] k | bget k\\r\\n");
    }

    @Test
    void keysOver250BytesAreABadCommandLine() {
        String k250 = "k".repeat(250);
        String k251 = "k".repeat(251);
        // memcached: STORED for 250 bytes; for 251, CLIENT_ERROR bad command line format then ERROR
        // for the data line, which is then read as a command.
        assertThat(decode("set " + k251 + " 0 0 1\r\nx\r\nset " + k250 + " 0 0 1\r\nx\r\n"))
                .containsExactly("refused: CLIENT_ERROR bad command line format", "refused: ERROR",
                        "set[WRITE] " + k250 + " | set " + k250 + " 0 0 1\\r\\nx\\r\\n");
        // memcached: one CLIENT_ERROR bad command line format for the whole get, whichever key it is.
        assertThat(decode("get a " + k251 + "\r\nmg " + k251 + " v\r\ndelete " + k251 + "\r\ntouch " + k251
                + " 1\r\nincr " + k251 + " 1\r\nms " + k251 + " 1\r\nx\r\n"))
                .containsExactly("refused: CLIENT_ERROR bad command line format",
                        "refused: CLIENT_ERROR bad command line format", "refused: CLIENT_ERROR bad command line format",
                        "refused: CLIENT_ERROR bad command line format", "refused: CLIENT_ERROR bad command line format",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR");
    }

    @Test
    void badNumbers() {
        // memcached: CLIENT_ERROR bad command line format (and ERROR for the data line) for bad
        // <flags>, <exptime>, <bytes> or <cas>; <bytes> must be 0..2147483645.
        assertThat(decode("set k 0 0 x\r\nab\r\nset k 0 0 -1\r\nab\r\nset k -1 0 1\r\nx\r\n"
                + "set k 0 0 2147483646\r\ncas k 0 0 1 x\r\nx\r\ncas k 0 0 1 -1\r\nx\r\n"))
                .containsExactly("refused: CLIENT_ERROR bad command line format", "refused: ERROR",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR",
                        "refused: CLIENT_ERROR bad command line format",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR");
        // memcached: each command's own message.
        assertThat(decode("gat x k\r\ntouch k x\r\nincr k x\r\nincr k -1\r\ndecr k 18446744073709551616\r\n"
                + "verbosity x\r\nms k x\r\nab\r\nms k -1\r\nab\r\n"))
                .containsExactly("refused: CLIENT_ERROR invalid exptime argument",
                        "refused: CLIENT_ERROR invalid exptime argument",
                        "refused: CLIENT_ERROR invalid numeric delta argument",
                        "refused: CLIENT_ERROR invalid numeric delta argument",
                        "refused: CLIENT_ERROR invalid numeric delta argument",
                        "refused: CLIENT_ERROR bad command line format",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR");
        // Stricter than memcached 1.6.18, whose strtol took "+1", "01\t" and wrapped 4294967297 to 1
        // (it STOREd these); newer versions refuse them, and Dynoj must not forward a request a
        // datastore might frame differently.
        assertThat(decode("set k 0 0 +1\r\nset k 0\t 0 1\r\nset k 0 0 4294967297\r\nset k 4294967296 0 1\r\n"))
                .containsOnly("refused: CLIENT_ERROR bad command line format").hasSize(4);
        assertThat(decode("set k 0 0 01\r\nx\r\n")).containsExactly("set[WRITE] k | set k 0 0 01\\r\\nx\\r\\n");
    }

    @Test
    void noreplySilencesClassicErrorsButNotMetaOnes() {
        // memcached: nothing for the set (noreply), then ERROR for its data line "ab"; nothing for the
        // bad delete/verbosity/incr; then MN.
        assertThat(decode("set k 0 0 -1 noreply\r\nab\r\ndelete k x noreply\r\nverbosity x noreply\r\n"
                + "incr k x noreply\r\nset k 0 0 noreply\r\nmn\r\n"))
                .containsExactly("refused: ", "refused: ERROR", "refused: ", "refused: ", "refused: ", "refused: ",
                        "mn[LOCAL] | mn\\r\\n");
        // memcached: nothing for the bad chunk of a noreply set (then ERROR for the "\r\n" left over),
        // but a meta set's bad chunk is always answered.
        assertThat(decode("set k 0 0 1 noreply\r\nxyz\r\nms k 1 q\r\nxyz\r\n"))
                .containsExactly("refused: ", "refused: ERROR", "refused: CLIENT_ERROR bad data chunk",
                        "refused: ERROR");
    }

    @Test
    void deleteAcceptsTheLegacyZero() {
        // memcached: DELETED / NOT_FOUND for "delete k 0"; the usage error for "delete k 1".
        assertThat(decode("delete k 1\r\ndelete k 0 x\r\n"))
                .containsExactly("refused: CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]",
                        "refused: CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]");
    }

    @Test
    void dataBlockNotFollowedByCrlf() {
        // memcached reads <bytes>+2 bytes, answers CLIENT_ERROR bad data chunk, and reads what
        // follows as commands: "set k 0 0 1\r\nx\nversion\r\n" takes "x\nv", then "ersion" is ERROR.
        assertThat(decode("set k 0 0 1\r\nx\nversion\r\nset k 0 0 1\r\nxyz"))
                .containsExactly("refused: CLIENT_ERROR bad data chunk", "refused: ERROR",
                        "refused: CLIENT_ERROR bad data chunk");
    }

    @Test
    void objectsLargerThanTheLimitAreSwallowedAsTheyArrive() {
        // memcached (1 MB items): SERVER_ERROR object too large for cache, the 2000000+2 bytes are
        // dropped and the next command answered; with noreply only the next command is answered; a
        // meta set always gets the error.
        EmbeddedChannel ch = channel(new ProtocolLimits(1024, 64, 100, false));
        ch.writeInbound(Unpooled.copiedBuffer("set k 0 0 5000\r\n", StandardCharsets.US_ASCII));
        assertThat(drain(ch)).containsExactly("refused: SERVER_ERROR object too large for cache");
        for (int i = 0; i < 50; i++) {
            ch.writeInbound(Unpooled.copiedBuffer("x".repeat(100), StandardCharsets.US_ASCII));
            assertThat(drain(ch)).isEmpty();
        }
        ch.writeInbound(Unpooled.copiedBuffer("\r\nset k 0 0 2000 noreply\r\n" + "y".repeat(2000)
                + "\r\nms k 2000 q\r\n" + "z".repeat(2000) + "\r\nmn\r\n", StandardCharsets.US_ASCII));
        assertThat(drain(ch)).containsExactly("refused: ", "refused: SERVER_ERROR object too large for cache",
                "mn[LOCAL] | mn\\r\\n");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void linesLongerThan2048BytesCloseTheConnectionSilently() {
        // memcached: more than 2048 bytes without a newline closes the connection, no reply.
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("set " + "k".repeat(2044), StandardCharsets.US_ASCII));
        assertThat(drain(ch)).isEmpty();
        ch.writeInbound(Unpooled.copiedBuffer("k", StandardCharsets.US_ASCII));
        assertThat(drain(ch)).containsExactly("refused:  +close");
        ch.writeInbound(Unpooled.copiedBuffer("\r\nversion\r\n", StandardCharsets.US_ASCII));
        assertThat(drain(ch)).as("nothing is read after").isEmpty();
        assertThat(ch.finish()).isFalse();
        // A line whose newline comes within 2048 bytes (its CR counts) is read (here: too few tokens).
        // memcached decides on what one read brought: a longer line arriving whole is read (it answered
        // ERROR), arriving in pieces it closes. Dynoj closes whatever the pieces, so that the outcome
        // does not depend on how TCP cut the bytes (no valid non-get line comes near 2048 bytes).
        assertThat(decode("set " + "k".repeat(2043) + "\r\n")).containsExactly("refused: ERROR");
        assertThat(decode("set " + "k".repeat(2044) + "\n")).containsExactly("refused: ERROR");
        assertThat(decode("set " + "k".repeat(2044) + "\r\n")).containsExactly("refused:  +close");
        // memcached closes long gat lines too, but lets get/gets lines grow (after at most 100 spaces).
        assertThat(decode("gat 0 " + "k ".repeat(3000) + "\r\n")).containsExactly("refused:  +close");
        assertThat(decode(" ".repeat(101) + "get " + "k ".repeat(3000) + "\r\n")).containsExactly("refused:  +close");
        assertThat(decode(" ".repeat(100) + "get " + "k ".repeat(3000) + "\r\nmn\r\n")).hasSize(2).last()
                .isEqualTo("mn[LOCAL] | mn\\r\\n");
    }

    @Test
    void getLinesAreBoundedByMaxRequestBytesAndKeysByMaxArguments() {
        // No such limits in memcached: Dynoj answers what memcached answers when its read buffer
        // cannot grow (and closes), and when a get's answer cannot be built.
        EmbeddedChannel ch = channel(new ProtocolLimits(4096, 64, 100, false));
        ch.writeInbound(Unpooled.copiedBuffer("get " + "k ".repeat(2100), StandardCharsets.US_ASCII));
        assertThat(drain(ch)).containsExactly("refused: SERVER_ERROR out of memory reading request +close");
        ch.finishAndReleaseAll();
        EmbeddedChannel keys = channel(new ProtocolLimits(1 << 20, 64, 100, false));
        assertThat(decode(keys, "get " + "k ".repeat(101) + "\r\nget " + "k ".repeat(100) + "\r\n"))
                .hasSize(2).first().isEqualTo("refused: SERVER_ERROR out of memory writing get response");
        keys.finishAndReleaseAll();
    }

    @Test
    void httpRequestsCloseTheConnection() {
        // memcached: "GET / HTTP/1.1" (an unknown command whose last token starts with HTTP/) closes
        // the connection without a reply; "get / HTTP/1.1" is a get of two keys, "set / HTTP/1.1" ERROR.
        assertThat(decode("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).containsExactly("refused:  +close");
        assertThat(decode("HTTP/1.0\r\n")).containsExactly("refused:  +close");
        assertThat(decode("get / HTTP/1.1\r\nset / HTTP/1.1\r\n"))
                .containsExactly("get[READ] / HTTP/1.1 | get / HTTP/1.1\\r\\n", "refused: ERROR");
    }

    @Test
    void quitStopsDecoding() {
        // memcached: closes after quit without reading what follows.
        assertThat(decode("quit\r\nversion\r\n")).containsExactly("quit[LOCAL] | quit\\r\\n");
    }

    @Test
    void metaCommands() {
        // memcached: options flags are too long (mg) / too long (ms, md, ma) at 20 tokens; an ms
        // refused before its <datalen> is read leaves its data to be read as a command (ERROR).
        String flags17 = " 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17";
        assertThat(decode("mg k" + flags17 + "\r\nmg k" + flags17 + " 18\r\nmd k" + flags17 + " 18\r\n"
                + "ms k 2" + flags17 + "\r\nab\r\nms k\r\n"))
                .containsExactly("mg[READ] k | mg k" + flags17 + "\\r\\n",
                        "refused: CLIENT_ERROR options flags are too long",
                        "refused: CLIENT_ERROR options flags too long",
                        "refused: CLIENT_ERROR options flags too long", "refused: ERROR",
                        "refused: CLIENT_ERROR bad command line format");
        // Dynoj refuses base64 keys; an ms refused on its flags swallows its data, like memcached
        // does for a bad flag ("ms k 2 zz\r\nab\r\nmn\r\n" answers CLIENT_ERROR invalid flag, MN).
        assertThat(decode("mg a2V5 b v\r\nmd a2V5 q b\r\nma a2V5 b\r\nms a2V5 2 b\r\nab\r\nmn\r\n"))
                .containsExactly("refused: CLIENT_ERROR Dynoj does not support base64 keys (b flag)",
                        "refused: CLIENT_ERROR Dynoj does not support base64 keys (b flag)",
                        "refused: CLIENT_ERROR Dynoj does not support base64 keys (b flag)",
                        "refused: CLIENT_ERROR Dynoj does not support base64 keys (b flag)",
                        "mn[LOCAL] | mn\\r\\n");
        // Other flags are the datastore's to check (their set grows with versions).
        assertThat(decode("mg k zz v v\r\n")).containsExactly("mg[READ] k | mg k zz v v\\r\\n");
    }

    @Test
    void metaDebugReadsItsKeyAndIgnoresOtherFlagsAsMemcachedDoes() {
        // memcached 1.6.18: "me" alone is a bad command line; "me k x" and "me k q" answer as "me k".
        assertThat(decode("me k\r\nme k w\r\nme k q\r\nme\r\nme a2V5 b\r\n"))
                .containsExactly("me[READ] k | me k\\r\\n", "me[READ] k | me k w\\r\\n", "me[READ] k | me k q\\r\\n",
                        "refused: CLIENT_ERROR bad command line format",
                        "refused: CLIENT_ERROR Dynoj does not support base64 keys (b flag)");
    }

    @Test
    void gatWithoutKeysAndFlushAll() {
        // memcached: "gat 10" answers END.
        assertThat(decode("gat 10\r\n")).containsExactly("refused: END");
        // memcached: "flush_all x" CLIENT_ERROR invalid exptime argument, "flush_all 0 x" OK.
        assertThat(decode("flush_all x\r\nflush_all 0 x\r\nflush_all noreply\r\n"))
                .containsExactly("refused: CLIENT_ERROR invalid exptime argument",
                        "flush_all[ADMIN] | flush_all 0 x\\r\\n", "flush_all[ADMIN] noreply | flush_all noreply\\r\\n");
        EmbeddedChannel ch = channel(ProtocolLimits.DEFAULTS);
        assertThat(decode(ch, "flush_all\r\nflush_all noreply\r\nflush_all 1 2 3\r\n")).containsExactly(
                "refused: CLIENT_ERROR flush_all is disabled on this Dynoj node (allow_flush_all: true enables it)",
                "refused: ", "refused: ERROR");
        ch.finishAndReleaseAll();
    }

    @Test
    void linesWithNulBytesAreRefused() {
        // memcached 1.6.18 reads a line as a C string (up to the NUL), later versions do not: Dynoj
        // forwards neither reading.
        assertThat(decode("get a\u0000b c\r\nset k 0 0 1\u0000zz\r\nx\r\n"))
                .containsExactly("refused: CLIENT_ERROR bad command line format",
                        "refused: CLIENT_ERROR bad command line format", "refused: ERROR");
    }

    @Test
    void requestKinds() {
        assertThat(MemcachedCommand.GET.kind()).isEqualTo(RequestKind.READ);
        assertThat(decode("mg k s v t f c k O1 u h l\r\n")).containsExactly("mg[READ] k | mg k s v t f c k O1 u h l\\r\\n");
    }
}
