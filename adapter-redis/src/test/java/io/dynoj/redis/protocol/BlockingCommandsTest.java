package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlockingCommandsTest {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    private BlockingRequest blocking(String inline) {
        EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(ProtocolLimits.DEFAULTS));
        ch.writeInbound(Unpooled.copiedBuffer(inline + "\r\n", StandardCharsets.UTF_8));
        RedisRequest request = ch.readInbound();
        try {
            return adapter.blocking(request);
        } finally {
            request.release();
            ch.finishAndReleaseAll();
        }
    }

    private static String text(Request r) {
        try {
            return String.join(" ", java.util.Arrays.stream(RespArgs.parse(r.frame()))
                    .map(a -> new String(a, StandardCharsets.UTF_8)).toList());
        } finally {
            r.release();
        }
    }

    private String answer(BlockingRequest b, String reply) {
        ByteBuf out = b.answer(Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8), alloc);
        if (out == null) {
            return null;
        }
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void eachBlockingCommandAttemptsItsNonBlockingForm() {
        assertThat(text(blocking("BLPOP a b 5").attempt(alloc))).isEqualTo("LMPOP 2 a b LEFT");
        assertThat(text(blocking("brpop a 0").attempt(alloc))).isEqualTo("LMPOP 1 a RIGHT");
        assertThat(text(blocking("BLMOVE s d LEFT RIGHT 1").attempt(alloc))).isEqualTo("LMOVE s d LEFT RIGHT");
        assertThat(text(blocking("BRPOPLPUSH s d 1").attempt(alloc))).isEqualTo("RPOPLPUSH s d");
        assertThat(text(blocking("BZPOPMIN z 1").attempt(alloc))).isEqualTo("ZMPOP 1 z MIN");
        assertThat(text(blocking("BZPOPMAX y z 1").attempt(alloc))).isEqualTo("ZMPOP 2 y z MAX");
        assertThat(blocking("LPOP a")).isNull();
        assertThat(blocking("BLPOP a x")).as("refused by the decoder").isNull();
    }

    @Test
    void timeoutsAreSecondsRoundedUpToMillisecondsAndSlicesRewriteThem() {
        assertThat(blocking("BLPOP a 0").timeoutMillis()).isZero();
        assertThat(blocking("BLPOP a 1.5").timeoutMillis()).isEqualTo(1500);
        assertThat(blocking("BLPOP a 0.0001").timeoutMillis()).isEqualTo(1);
        assertThat(text(blocking("BLPOP a b 30").withTimeout(2000, alloc))).isEqualTo("BLPOP a b 2.000");
        assertThat(text(blocking("BLMOVE s d LEFT LEFT 9").withTimeout(1250, alloc))).isEqualTo("BLMOVE s d LEFT LEFT 1.250");
        assertThat(BlockingCommands.timeoutRefusal("1e3".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(BlockingCommands.timeoutRefusal("-0.5".getBytes(StandardCharsets.US_ASCII))).isEqualTo("timeout is negative");
        assertThat(BlockingCommands.timeoutRefusal("nan".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("timeout is not a float or out of range");
    }

    @Test
    void attemptRepliesBecomeTheBlockingCommandsReplies() {
        BlockingRequest blpop = blocking("BLPOP a b 1");
        assertThat(answer(blpop, "*-1\r\n")).as("nothing yet: wait").isNull();
        assertThat(answer(blpop, "*2\r\n$1\r\nb\r\n*1\r\n$1\r\nx\r\n")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\nx\r\n");
        assertThat(answer(blpop, "-WRONGTYPE no\r\n")).isEqualTo("-WRONGTYPE no\r\n");
        BlockingRequest bzpop = blocking("BZPOPMIN z 1");
        assertThat(answer(bzpop, "*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nm\r\n$1\r\n1\r\n"))
                .isEqualTo("*3\r\n$1\r\nz\r\n$1\r\nm\r\n$1\r\n1\r\n");
        BlockingRequest blmove = blocking("BLMOVE s d LEFT LEFT 1");
        assertThat(answer(blmove, "$-1\r\n")).isNull();
        assertThat(answer(blmove, "$1\r\nv\r\n")).isEqualTo("$1\r\nv\r\n");
        ByteBuf nil = blmove.timedOut(alloc);
        assertThat(nil.toString(StandardCharsets.UTF_8)).isEqualTo("*-1\r\n");
        assertThat(blmove.isTimedOut(nil)).isTrue();
        ByteBuf element = Unpooled.copiedBuffer("$1\r\nv\r\n", StandardCharsets.UTF_8);
        assertThat(blmove.isTimedOut(element)).isFalse();
        element.release();
        nil.release();
    }
}
