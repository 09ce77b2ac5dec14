package io.dynoj.memcached.protocol;

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
 * Fuzzes {@link MemcachedRequestDecoder} on an {@link EmbeddedChannel}: any bytes, cut anywhere. The input's
 * bytes choose what is sent (valid text and meta commands, the same mutated, or the raw bytes), the limits
 * (memcached's defaults, small ones so that the item, line and request limits are reached, or the largest the
 * configuration takes) and the cuts.
 * Every input must leave: no exception out of the pipeline, nothing decoded after the decoder closed, every
 * buffer released, and valid commands decoded to exactly the bytes and keys they were sent as. The same bytes
 * also go through {@link MemcachedRequestDecoder#decodeComplete}, as a peer's forwarded frame.
 */
class MemcachedRequestDecoderFuzzTest {

    /** Small limits: requests of 300 bytes, data blocks of 64, lines of 256, 5 keys. */
    private static final ProtocolLimits SMALL = new ProtocolLimits(300, 64, 5, false, 64, 64, 256);
    /** The largest limits the configuration accepts. */
    private static final ProtocolLimits LARGEST = new ProtocolLimits(Integer.MAX_VALUE - 64 * 1024, Integer.MAX_VALUE,
            Integer.MAX_VALUE, false, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);

    private static final String[] STORAGE = {"set", "add", "replace", "append", "prepend"};

    /** Jazzer's search, in the fuzz profile only: its agent would slow every other test of the JVM. */
    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1")
    void jazzer(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputs() {
        assertThat(FuzzDriver.run(MemcachedRequestDecoderFuzzTest::check)).isGreaterThanOrEqualTo(1);
    }

    /** A command as sent, and the keys the decoder must find in it. */
    private record Sent(byte[] bytes, List<String> keys) {
    }

    static void check(byte[] data) {
        FuzzBytes in = new FuzzBytes(data);
        int mode = in.nextInt(3);
        ProtocolLimits limits = in.pick(ProtocolLimits.DEFAULTS, ProtocolLimits.DEFAULTS, SMALL, LARGEST);
        List<Sent> sent = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int commands = 1 + in.nextInt(4);
        for (int c = 0; c < commands && mode != 2; c++) {
            Sent one = command(in);
            sent.add(one);
            wire.writeBytes(one.bytes());
        }
        byte[] bytes = switch (mode) {
            case 1 -> Mutations.apply(wire.toByteArray(), in);
            case 2 -> in.nextBytes(in.remaining());
            default -> wire.toByteArray();
        };
        boolean roundTrip = mode == 0 && limits != SMALL;

        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new MemcachedRequestDecoder(limits));
        List<MemcachedRequest> decoded = new ArrayList<>();
        try {
            for (byte[] chunk : Mutations.chunks(bytes, in)) {
                ch.writeInbound(alloc.copyOf(chunk));
                MemcachedRequest r;
                while ((r = ch.readInbound()) != null) {
                    boolean afterClose = !decoded.isEmpty() && decoded.get(decoded.size() - 1).closeAfter();
                    decoded.add(r);
                    assertThat(afterClose).as("a request decoded after the decoder closed: %s", r).isFalse();
                }
            }
            if (roundTrip) {
                assertThat(decoded).hasSameSizeAs(sent);
                for (int i = 0; i < sent.size(); i++) {
                    MemcachedRequest r = decoded.get(i);
                    assertThat(r.refusal()).as("a valid command refused").isNull();
                    assertThat(ByteBufUtil.getBytes(r.frame())).as("frame of %s", r).isEqualTo(sent.get(i).bytes());
                    List<String> keys = new ArrayList<>();
                    for (int k = 0; k < r.keyCount(); k++) {
                        keys.add(r.keyString(k));
                    }
                    assertThat(keys).as("keys of %s", r).isEqualTo(sent.get(i).keys());
                }
            }
        } finally {
            ch.finishAndReleaseAll();
            decoded.forEach(MemcachedRequest::release);
        }
        // The same bytes as a peer forwards them: one whole frame, read at once.
        MemcachedRequest forwarded = MemcachedRequestDecoder.decodeComplete(alloc.copyOf(bytes));
        try {
            if (roundTrip && sent.size() == 1) {
                assertThat(forwarded.refusal()).as("a forwarded valid command refused").isNull();
                assertThat(ByteBufUtil.getBytes(forwarded.frame())).isEqualTo(sent.get(0).bytes());
            }
        } finally {
            forwarded.release();
        }
        for (MemcachedRequest r : decoded) {
            if (r.refusal() == null) {
                assertThat(r.refCnt()).as("request %s after its release", r).isZero();
            }
        }
        assertThat(alloc.unreleased()).as("buffers left unreleased").isEmpty();
    }

    /** A valid command of memcached 1.6's text or meta protocol (no quit, no flush_all). */
    private static Sent command(FuzzBytes in) {
        String key = Mutations.word(in);
        String eol = in.nextInt(8) == 0 ? "\n" : "\r\n";
        String noreply = in.nextBoolean() ? " noreply" : "";
        return switch (in.nextInt(9)) {
            case 0 -> {
                List<String> keys = new ArrayList<>(List.of(key));
                int more = in.nextInt(4);
                for (int i = 0; i < more; i++) {
                    keys.add(Mutations.word(in));
                }
                yield sent(in.pick("get", "gets") + " " + String.join(in.pick(" ", "  "), keys) + eol, null, keys);
            }
            case 1 -> sent(in.pick("gat", "gats") + " " + in.nextInt(100_000) + " " + key + eol, null, List.of(key));
            case 2 -> {
                byte[] value = in.nextBytes(in.nextLength(400));
                yield sent(in.pick(STORAGE) + " " + key + " " + in.nextInt(65_536) + " " + in.nextInt(1000) + " "
                        + value.length + noreply + eol, value, List.of(key));
            }
            case 3 -> {
                byte[] value = in.nextBytes(in.nextLength(100));
                yield sent("cas " + key + " 0 0 " + value.length + " " + in.nextInt(65_536) + noreply + eol, value,
                        List.of(key));
            }
            case 4 -> sent("delete " + key + noreply + eol, null, List.of(key));
            case 5 -> sent(in.pick("incr ", "decr ") + key + " " + in.nextInt(65_536) + noreply + eol, null, List.of(key));
            case 6 -> sent("touch " + key + " " + in.nextInt(1000) + noreply + eol, null, List.of(key));
            case 7 -> {
                byte[] value = in.nextBytes(in.nextLength(200));
                yield sent("ms " + key + " " + value.length + in.pick("", " T0", " F5 q") + eol, value, List.of(key));
            }
            default -> sent(in.pick("mg ", "md ", "ma ") + key + in.pick("", " v", " v t f") + eol, null, List.of(key));
        };
    }

    private static Sent sent(String line, byte[] value, List<String> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        if (value != null) {
            out.writeBytes(value);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return new Sent(out.toByteArray(), keys);
    }
}
