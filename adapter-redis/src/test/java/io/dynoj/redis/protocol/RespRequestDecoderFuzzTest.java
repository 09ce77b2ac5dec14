package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.testkit.fuzz.FuzzBytes;
import io.dynoj.testkit.fuzz.FuzzDriver;
import io.dynoj.testkit.fuzz.Mutations;
import io.dynoj.testkit.fuzz.TrackingAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Fuzzes {@link RespRequestDecoder} on an {@link EmbeddedChannel}: any bytes, cut anywhere. The input's bytes
 * choose what is sent (valid multibulk commands, valid inline commands, valid commands mutated, or the raw
 * bytes), the limits (Redis's defaults, small ones so that every limit is reached, or the largest the configuration takes) and the cuts. Every
 * input must leave: no exception out of the pipeline, nothing decoded after a protocol error, every buffer
 * released (the requests' included), and valid commands decoded to the same bytes and keys they were sent as.
 * The same bytes also go through {@link RespRequestDecoder#decodeComplete}, as a peer's forwarded frame.
 *
 * <p>The normal suite runs {@value FuzzDriver#DEFAULT_INPUTS} generated inputs and Jazzer's regression inputs;
 * {@code -Pfuzz} has Jazzer search for a million (see docs/SECURITY.md).
 */
class RespRequestDecoderFuzzTest {

    /** Small limits: bulks of 40 bytes, requests of 200, inline lines of 48, 6 arguments. */
    private static final ProtocolLimits SMALL = new ProtocolLimits(200, 48, 6, false, 40, 40, 2048);
    /** The largest limits the configuration accepts. */
    private static final ProtocolLimits LARGEST = new ProtocolLimits(Integer.MAX_VALUE - 64 * 1024, Integer.MAX_VALUE,
            Integer.MAX_VALUE, false, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);

    /** Commands whose keys the decoder finds, with how many arguments they take: name, min, max, keys rule. */
    private static final String[][] COMMANDS = {
        {"get", "2", "2", "1"}, {"set", "3", "3", "1"}, {"del", "2", "6", "all"}, {"mget", "2", "6", "all"},
        {"exists", "2", "5", "all"}, {"strlen", "2", "2", "1"}, {"append", "3", "3", "1"}, {"echo", "2", "2", "0"},
    };

    /** Jazzer's search, in the fuzz profile only: its agent would slow every other test of the JVM. */
    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1")
    void jazzer(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputs() {
        assertThat(FuzzDriver.run(RespRequestDecoderFuzzTest::check)).isGreaterThanOrEqualTo(1);
    }

    /** A command as sent, and the keys the decoder must find in it; keys null when not checked. */
    private record Sent(byte[] bytes, List<String> keys) {
    }

    static void check(byte[] data) {
        FuzzBytes in = new FuzzBytes(data);
        int mode = in.nextInt(4);
        ProtocolLimits limits = in.pick(ProtocolLimits.DEFAULTS, ProtocolLimits.DEFAULTS, SMALL, LARGEST);
        List<Sent> sent = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int commands = 1 + in.nextInt(4);
        for (int c = 0; c < commands && mode != 3; c++) {
            Sent one = mode == 1 ? inline(in) : multibulk(in);
            sent.add(one);
            wire.writeBytes(one.bytes());
        }
        byte[] bytes = switch (mode) {
            case 2 -> Mutations.apply(wire.toByteArray(), in);
            case 3 -> in.nextBytes(in.remaining());
            default -> wire.toByteArray();
        };
        boolean roundTrip = (mode == 0 || mode == 1) && limits != SMALL;

        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new RespRequestDecoder(CommandTable.standard(), limits));
        List<RedisRequest> decoded = new ArrayList<>();
        try {
            for (byte[] chunk : Mutations.chunks(bytes, in)) {
                ch.writeInbound(alloc.copyOf(chunk));
                RedisRequest r;
                while ((r = ch.readInbound()) != null) {
                    boolean afterClose = !decoded.isEmpty() && decoded.get(decoded.size() - 1).closeAfter();
                    decoded.add(r);
                    assertThat(afterClose).as("a request decoded after a protocol error: %s", r).isFalse();
                    if (r.closeAfter()) {
                        assertThat(r.refusal()).as("only protocol errors close").matches("(?s)(|Protocol error: .+)");
                    }
                }
            }
            if (roundTrip) {
                assertThat(decoded).hasSameSizeAs(sent);
                for (int i = 0; i < sent.size(); i++) {
                    assertRoundTrip(decoded.get(i), sent.get(i));
                }
            }
        } finally {
            ch.finishAndReleaseAll();
            decoded.forEach(RedisRequest::release);
        }
        // The same bytes as a peer forwards them: one whole frame, read at once.
        RedisRequest forwarded = RespRequestDecoder.decodeComplete(alloc.copyOf(bytes));
        try {
            if (roundTrip && sent.size() == 1 && bytes[0] == '*') {
                assertThat(forwarded.refusal()).as("a forwarded valid command refused").isNull();
                assertRoundTrip(forwarded, sent.get(0));
            }
        } finally {
            forwarded.release();
        }
        for (RedisRequest r : decoded) {
            if (r.refusal() == null) {
                assertThat(r.refCnt()).as("request %s after its release", r).isZero();
            }
        }
        assertThat(alloc.unreleased()).as("buffers left unreleased").isEmpty();
    }

    private static void assertRoundTrip(RedisRequest r, Sent sent) {
        assertThat(r.refusal()).as("a valid command refused").isNull();
        if (sent.bytes()[0] == '*') {
            assertThat(ByteBufUtil.getBytes(r.frame())).as("frame of %s", r).isEqualTo(sent.bytes());
        }
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < r.keyCount(); k++) {
            keys.add(r.key(k).toString(StandardCharsets.ISO_8859_1));
        }
        assertThat(keys).as("keys of %s", r).isEqualTo(sent.keys());
    }

    /** A valid multibulk command: its bytes, and its keys. */
    private static Sent multibulk(FuzzBytes in) {
        String[] spec = COMMANDS[in.nextInt(COMMANDS.length)];
        List<byte[]> args = new ArrayList<>();
        args.add(Mutations.randomCase(spec[0], in).getBytes(StandardCharsets.ISO_8859_1));
        int argc = Integer.parseInt(spec[1]) + in.nextInt(Integer.parseInt(spec[2]) - Integer.parseInt(spec[1]) + 1);
        while (args.size() < argc) {
            args.add(in.nextBytes(in.nextLength(300)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] arg : args) {
            out.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(arg);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return new Sent(out.toByteArray(), keys(spec[3], args));
    }

    /** A valid inline command: words of safe characters, separated by spaces. */
    private static Sent inline(FuzzBytes in) {
        String[] spec = COMMANDS[in.nextInt(COMMANDS.length)];
        List<byte[]> args = new ArrayList<>();
        args.add(Mutations.randomCase(spec[0], in).getBytes(StandardCharsets.ISO_8859_1));
        int argc = Integer.parseInt(spec[1]) + in.nextInt(Integer.parseInt(spec[2]) - Integer.parseInt(spec[1]) + 1);
        StringBuilder line = new StringBuilder(new String(args.get(0), StandardCharsets.ISO_8859_1));
        while (args.size() < argc) {
            String word = Mutations.word(in);
            args.add(word.getBytes(StandardCharsets.ISO_8859_1));
            line.append(in.nextBoolean() ? " " : "   ").append(word);
        }
        line.append(in.nextBoolean() ? "\r\n" : "\n");
        return new Sent(line.toString().getBytes(StandardCharsets.ISO_8859_1), keys(spec[3], args));
    }

    private static List<String> keys(String rule, List<byte[]> args) {
        List<String> keys = new ArrayList<>();
        int last = switch (rule) {
            case "0" -> 0;
            case "1" -> 1;
            default -> args.size() - 1;
        };
        for (int i = 1; i <= last; i++) {
            keys.add(new String(args.get(i), StandardCharsets.ISO_8859_1));
        }
        return keys;
    }
}
