package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultiKeyCommandsTest {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    private RedisRequest decode(String inline) {
        EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(ProtocolLimits.DEFAULTS));
        ch.writeInbound(Unpooled.copiedBuffer(inline + "\r\n", StandardCharsets.UTF_8));
        RedisRequest r = ch.readInbound();
        ch.finishAndReleaseAll();
        return r;
    }

    private static String text(ByteBuf b) {
        String s = b.toString(StandardCharsets.UTF_8);
        b.release();
        return s;
    }

    @Test
    void splitsMsetWithItsValues() {
        RedisRequest mset = decode("MSET a 1 b 22 c 333");
        assertThat(adapter.isSplittable(mset)).isTrue();
        Request part = adapter.splitRequest(mset, new int[] {0, 2}, alloc);
        assertThat(part.frame().toString(StandardCharsets.UTF_8))
                .isEqualTo("*5\r\n$4\r\nmset\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nc\r\n$3\r\n333\r\n");
        assertThat(part.keyCount()).isEqualTo(2);
        part.release();
        mset.release();
    }

    @Test
    void mergesMgetInTheClientsKeyOrder() {
        ByteBuf p0 = Unpooled.copiedBuffer("*2\r\n$1\r\nA\r\n$-1\r\n", StandardCharsets.UTF_8);
        ByteBuf p1 = Unpooled.copiedBuffer("*1\r\n$2\r\nBB\r\n", StandardCharsets.UTF_8);
        ByteBuf merged = MultiKeyCommands.merge("mget", 3, new int[][] {{0, 2}, {1}}, new ByteBuf[] {p0, p1}, alloc);
        assertThat(text(merged)).isEqualTo("*3\r\n$1\r\nA\r\n$2\r\nBB\r\n$-1\r\n");
        assertThat(p0.refCnt()).isZero();
    }

    @Test
    void sumsCountsAndPassesErrorsOn() {
        ByteBuf sum = MultiKeyCommands.merge("del", 3, new int[][] {{0}, {1, 2}},
                new ByteBuf[] {Unpooled.copiedBuffer(":1\r\n", StandardCharsets.UTF_8),
                        Unpooled.copiedBuffer(":2\r\n", StandardCharsets.UTF_8)}, alloc);
        assertThat(text(sum)).isEqualTo(":3\r\n");
        ByteBuf error = MultiKeyCommands.merge("mset", 2, new int[][] {{0}, {1}},
                new ByteBuf[] {Unpooled.copiedBuffer("+OK\r\n", StandardCharsets.UTF_8),
                        Unpooled.copiedBuffer("-ERR oom\r\n", StandardCharsets.UTF_8)}, alloc);
        assertThat(text(error)).isEqualTo("-ERR oom\r\n");
    }

    @Test
    void aPartThatIsNotTheCommandsReplyIsAnErrorNotAGuess() {
        ByteBuf notAnArray = MultiKeyCommands.merge("mget", 2, new int[][] {{0}, {1}},
                new ByteBuf[] {Unpooled.copiedBuffer("*1\r\n$1\r\nA\r\n", StandardCharsets.UTF_8),
                        Unpooled.copiedBuffer("+OK\r\n", StandardCharsets.UTF_8)}, alloc);
        assertThat(text(notAnArray)).startsWith("-ERR ").contains("MGET", "expected an array of 1 values");
        ByteBuf shortArray = MultiKeyCommands.merge("mget", 2, new int[][] {{0, 1}},
                new ByteBuf[] {Unpooled.copiedBuffer("*2\r\n$1\r\nA\r\n", StandardCharsets.UTF_8)}, alloc);
        assertThat(text(shortArray)).startsWith("-ERR ");
        ByteBuf notAnInteger = MultiKeyCommands.merge("exists", 2, new int[][] {{0}, {1}},
                new ByteBuf[] {Unpooled.copiedBuffer(":1\r\n", StandardCharsets.UTF_8),
                        Unpooled.copiedBuffer("$1\r\n1\r\n", StandardCharsets.UTF_8)}, alloc);
        assertThat(text(notAnInteger)).startsWith("-ERR ").contains("EXISTS", "expected an integer");
    }

    @Test
    void mergesNestedValuesWhole() {
        ByteBuf p0 = Unpooled.copiedBuffer("*1\r\n*2\r\n:1\r\n$1\r\nx\r\n", StandardCharsets.UTF_8);
        ByteBuf p1 = Unpooled.copiedBuffer("*1\r\n$0\r\n\r\n", StandardCharsets.UTF_8);
        ByteBuf merged = MultiKeyCommands.merge("mget", 2, new int[][] {{1}, {0}}, new ByteBuf[] {p0, p1}, alloc);
        assertThat(text(merged)).isEqualTo("*2\r\n$0\r\n\r\n*2\r\n:1\r\n$1\r\nx\r\n");
    }

    @Test
    void otherCommandsAreNotSplittable() {
        RedisRequest sunion = decode("SUNION a b");
        assertThat(adapter.isSplittable(sunion)).isFalse();
        sunion.release();
    }
}
