package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.net.WriteBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FixedRepliesTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static final Map<String, Supplier<ByteBuf>> FIXED = Map.of(
            "+OK\r\n", FixedReplies::ok,
            "+PONG\r\n", FixedReplies::pong,
            "+QUEUED\r\n", FixedReplies::queued,
            "$-1\r\n", FixedReplies::nullBulk,
            "*-1\r\n", FixedReplies::nullArray,
            "*0\r\n", FixedReplies::emptyArray,
            ":0\r\n", () -> FixedReplies.integer(0),
            ":1\r\n", () -> FixedReplies.integer(1),
            ":-2\r\n", () -> FixedReplies.integer(-2));

    private static String text(ByteBuf buf) {
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void eachHoldsItsReply() {
        FIXED.forEach((expected, fixed) -> assertThat(text(fixed.get())).isEqualTo(expected));
    }

    @Test
    void survivesAnyNumberOfReleases() {
        FIXED.forEach((expected, fixed) -> {
            ByteBuf reply = fixed.get();
            for (int i = 0; i < 5; i++) {
                reply.release();
            }
            assertThat(reply.refCnt()).as(expected).isPositive();
            assertThat(text(reply)).isEqualTo(expected);
            assertThat(text(fixed.get())).isEqualTo(expected);
        });
    }

    @Test
    void aConsumerThatReadsOneMovesNoOtherOne() {
        ByteBuf first = FixedReplies.ok();
        first.skipBytes(first.readableBytes());
        first.release();
        assertThat(text(FixedReplies.ok())).isEqualTo("+OK\r\n");
    }

    @Test
    void cannotBeWrittenTo() {
        FIXED.forEach((expected, fixed) -> {
            ByteBuf reply = fixed.get();
            assertThat(reply.isReadOnly()).as(expected).isTrue();
            assertThatThrownBy(() -> reply.setByte(0, 'x')).as(expected).isInstanceOf(RuntimeException.class);
            assertThat(text(fixed.get())).isEqualTo(expected);
        });
    }

    @Test
    void goThroughAWriteBatchAndAChannelIntact() {
        EmbeddedChannel channel = new EmbeddedChannel();
        WriteBatch batch = new WriteBatch(channel);
        for (int i = 0; i < 3; i++) {
            batch.add(FixedReplies.ok());
        }
        batch.flush();
        channel.writeAndFlush(FixedReplies.nullBulk());
        ByteBuf gathered = channel.readOutbound();
        ByteBuf direct = channel.readOutbound();
        assertThat(gathered.readCharSequence(gathered.readableBytes(), StandardCharsets.US_ASCII).toString())
                .isEqualTo("+OK\r\n".repeat(3));
        assertThat(direct.readCharSequence(direct.readableBytes(), StandardCharsets.US_ASCII).toString())
                .isEqualTo("$-1\r\n");
        gathered.release();
        direct.release();
        assertThat(channel.finish()).isFalse();
        assertThat(text(FixedReplies.ok())).isEqualTo("+OK\r\n");
        assertThat(text(FixedReplies.nullBulk())).isEqualTo("$-1\r\n");
    }

    @Test
    void theWriterHandsOutTheSharedOnesAndBuildsTheRest() {
        assertThat(RespWriter.simple(ALLOC, "OK").isReadOnly()).isTrue();
        assertThat(RespWriter.integer(ALLOC, 1).isReadOnly()).isTrue();
        assertThat(RespWriter.nullBulk(ALLOC).isReadOnly()).isTrue();
        assertThat(RespWriter.array(ALLOC, List.of()).isReadOnly()).isTrue();
        for (ByteBuf built : List.of(RespWriter.simple(ALLOC, "string"), RespWriter.integer(ALLOC, 33),
                RespWriter.integer(ALLOC, -3), RespWriter.array(ALLOC, List.of(1L)))) {
            assertThat(built.isReadOnly()).isFalse();
            assertThat(built.release()).isTrue();
        }
        assertThat(text(RespWriter.integer(ALLOC, 32))).isEqualTo(":32\r\n");
        ByteBuf large = RespWriter.integer(ALLOC, 1234567);
        assertThat(text(large)).isEqualTo(":1234567\r\n");
        large.release();
    }
}
