package io.dynoj.redis.protocol;

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

class RespRequestDecoderTest {

    private static final String PIPELINE = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"
            + "*2\r\n$3\r\nget\r\n$3\r\nkey\r\n"
            + "PING\r\n"
            + "*4\r\n$4\r\nMGET\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"
            + "*0\r\n"
            + "*1\r\n$4\r\nping\r\n";

    private static EmbeddedChannel channel() {
        return channel(ProtocolLimits.DEFAULTS);
    }

    private static EmbeddedChannel channel(ProtocolLimits limits) {
        return new EmbeddedChannel(new RespRequestDecoder(CommandTable.standard(), limits));
    }

    /** Decodes {@code input} fed in pieces of the given sizes; returns "command key1 key2 ..." per request. */
    private static List<String> decode(EmbeddedChannel ch, byte[] input, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.copiedBuffer(input, from, cut - from));
            from = cut;
        }
        ch.writeInbound(Unpooled.copiedBuffer(input, from, input.length - from));
        List<String> out = new ArrayList<>();
        RedisRequest r;
        while ((r = ch.readInbound()) != null) {
            out.add(describe(r));
            r.release();
        }
        return out;
    }

    private static String describe(RedisRequest r) {
        if (r.refusal() != null) {
            return "error:" + r.refusal();
        }
        StringBuilder sb = new StringBuilder(r.command());
        for (int i = 0; i < r.keyCount(); i++) {
            sb.append(' ').append(r.key(i).toString(StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Test
    void decodesAPipelineOfMultibulkAndInlineCommands() {
        List<String> got = decode(channel(), PIPELINE.getBytes(StandardCharsets.US_ASCII));
        assertThat(got).containsExactly("set key", "get key", "ping", "mget a b c", "ping");
    }

    @Test
    void sameRequestsWhateverWhereTheBytesAreSplit() {
        byte[] input = PIPELINE.getBytes(StandardCharsets.US_ASCII);
        List<String> expected = decode(channel(), input);
        for (int cut = 1; cut < input.length; cut++) {
            EmbeddedChannel ch = channel();
            assertThat(decode(ch, input, cut)).as("split at %d", cut).isEqualTo(expected);
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
        assertThat(decode(channel(), input, cuts)).isEqualTo(decode(channel(), input));
    }

    @Test
    void frameIsTheOriginalBytesUntouched() {
        String set = "*3\r\n$3\r\nsEt\r\n$4\r\nk\0\r\n\r\n$3\r\n\u00ff\u0001x\r\n";
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer(set, StandardCharsets.ISO_8859_1));
        RedisRequest r = ch.readInbound();
        assertThat(r.frame().toString(StandardCharsets.ISO_8859_1)).isEqualTo(set);
        assertThat(r.kind()).isEqualTo(RequestKind.WRITE);
        assertThat(r.key(0).toString(StandardCharsets.ISO_8859_1)).isEqualTo("k\0\r\n");
        r.release();
    }

    @Test
    void decodesALargeValueArrivingInChunks() {
        byte[] value = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(value);
        ByteBuf frame = Unpooled.buffer();
        frame.writeCharSequence("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + value.length + "\r\n", StandardCharsets.US_ASCII);
        frame.writeBytes(value).writeBytes(new byte[] {'\r', '\n'});
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        frame.release();
        EmbeddedChannel ch = channel();
        for (int i = 0; i < bytes.length; i += 65536) {
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(65536, bytes.length - i)));
        }
        RedisRequest r = ch.readInbound();
        assertThat(r.command()).isEqualTo("set");
        assertThat(r.frame().readableBytes()).isEqualTo(bytes.length);
        r.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void inlineCommandsFollowRedisQuoting() {
        String line = "SET \"a b\" 'it\\'s' \r\nGET \"\\x41\\n\"\n\r\n   \r\n";
        assertThat(decode(channel(), line.getBytes(StandardCharsets.US_ASCII))).containsExactly("set a b", "get A\n");
    }

    @Test
    void unknownCommandsAndBadArityAreAnsweredButDoNotClose() {
        List<String> got = decode(channel(), "*2\r\n$4\r\nNOPE\r\n$1\r\nx\r\n*1\r\n$3\r\nGET\r\nGET k\r\nMONITOR\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(got).containsExactly(
                "error:unknown command 'NOPE', with args beginning with: 'x' ",
                "error:wrong number of arguments for 'get' command",
                "get k",
                "error:'monitor' is not supported by Dynoj");
    }

    @Test
    void malformedProtocolIsAnErrorThatClosesAndStopsDecoding() {
        for (String bad : List.of("*2\r\n+GET\r\n", "*x\r\n", "*1\r\n$-5\r\n", "*1\r\n$3\r\nGETxx",
                "*99999999999\r\n", "\"unbalanced\r\n")) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.copiedBuffer(bad + "PING\r\n", StandardCharsets.US_ASCII));
            RedisRequest r = ch.readInbound();
            assertThat(r.refusal()).as(bad).startsWith("Protocol error: ");
            assertThat(r.closeAfter()).isTrue();
            assertThat((Object) ch.readInbound()).as("nothing decoded after a protocol error").isNull();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void requestsOverTheSizeLimitAreRefusedBeforeTheyArrive() {
        EmbeddedChannel ch = channel(new ProtocolLimits(1024, 64, 100, false));
        ch.writeInbound(Unpooled.copiedBuffer("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5000\r\n", StandardCharsets.US_ASCII));
        RedisRequest r = ch.readInbound();
        assertThat(r.refusal()).as("one bulk over the limit: Redis's text").isEqualTo("Protocol error: invalid bulk length");
        ch.writeInbound(Unpooled.copiedBuffer("x".repeat(200), StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();

        EmbeddedChannel together = channel(new ProtocolLimits(1024, 64, 100, false));
        together.writeInbound(Unpooled.copiedBuffer("*3\r\n$3\r\nSET\r\n$600\r\n" + "k".repeat(600) + "\r\n$600\r\n",
                StandardCharsets.US_ASCII));
        RedisRequest full = together.readInbound();
        assertThat(full.refusal()).as("over client-query-buffer-limit: Redis closes without a word").isEmpty();
        assertThat(full.closeAfter()).isTrue();
        together.finishAndReleaseAll();

        EmbeddedChannel inline = channel(new ProtocolLimits(1024, 64, 100, false));
        inline.writeInbound(Unpooled.copiedBuffer("GET " + "k".repeat(100), StandardCharsets.US_ASCII));
        assertThat(((RedisRequest) inline.readInbound()).refusal()).isEqualTo("Protocol error: too big inline request");
        inline.finishAndReleaseAll();
    }

    /** Fuzzer finding: start + limit + 1 wrapped around, so no inline command was ever found. */
    @Test
    void inlineCommandsDecodeUnderTheLargestInlineLimit() {
        ProtocolLimits largest = new ProtocolLimits(Integer.MAX_VALUE - 65536, Integer.MAX_VALUE, Integer.MAX_VALUE,
                false, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertThat(decode(channel(largest), "GET a\r\nGET b\r\n".getBytes(StandardCharsets.US_ASCII), 3))
                .containsExactly("get a", "get b");
    }

    @Test
    void bulkAndRequestLimitsAreSeparate() {
        // proto-max-bulk-len 10, client-query-buffer-limit 100: three bulks of 10 fit, one of 11 does not.
        ProtocolLimits limits = new ProtocolLimits(100, 64, 100, false, 10, 10, 2048);
        String ten = "v".repeat(10);
        assertThat(decode(channel(limits), ("*3\r\n$3\r\nSET\r\n$10\r\n" + ten + "\r\n$10\r\n" + ten + "\r\n")
                .getBytes(StandardCharsets.US_ASCII))).containsExactly("set " + ten);
        assertThat(decode(channel(limits), "*2\r\n$3\r\nGET\r\n$11\r\n".getBytes(StandardCharsets.US_ASCII)))
                .containsExactly("error:Protocol error: invalid bulk length");
        assertThat(decode(channel(limits), "*101\r\n".getBytes(StandardCharsets.US_ASCII)))
                .containsExactly("error:Protocol error: invalid multibulk length");
        assertThat(decode(channel(limits), "*20\r\n$10\r\n".repeat(1).concat((ten + "\r\n$10\r\n").repeat(9))
                .getBytes(StandardCharsets.US_ASCII))).containsExactly("error:");
    }

    @Test
    void randomGarbageNeverThrowsAndNeverLeaks() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            if (round % 2 == 0 && junk.length > 0) {
                junk[0] = '*';
            }
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(junk));
            RedisRequest r;
            while ((r = ch.readInbound()) != null) {
                r.release();
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void movableKeysAreFound() {
        String input = "EVAL \"return 1\" 2 k1 k2 a1\r\n"
                + "ZUNIONSTORE dest 2 z1 z2 WEIGHTS 1 2\r\n"
                + "XREAD COUNT 2 STREAMS s1 s2 0 0\r\n"
                + "XREAD BLOCK 0 STREAMS s1 $\r\n"
                + "OBJECT ENCODING thekey\r\n"
                + "SINTERCARD 2 a b LIMIT 1\r\n"
                + "EVAL \"return 1\" 9 k1\r\n";
        assertThat(decode(channel(), input.getBytes(StandardCharsets.US_ASCII))).containsExactly(
                "eval k1 k2", "zunionstore dest z1 z2", "xread s1 s2",
                "error:XREAD with BLOCK is not supported by Dynoj", "object thekey", "sintercard a b", "eval");
    }
}
