package io.dynoj.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final WriteBatch batch = new WriteBatch(channel);

    @AfterEach
    void close() {
        batch.discard();
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageAloneInItsFlushIsWrittenAsItIsNotCopied() {
        ByteBuf reply = text("+PONG\r\n");
        batch.add(reply);
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the flush").isNull();
        batch.flush();
        ByteBuf out = channel.readOutbound();
        assertThat(out).isSameAs(reply);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        out.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aSecondMessageGathersBothIntoOneBufferInOrderAndReleasesThem() {
        ByteBuf first = text("+OK\r\n");
        ByteBuf second = text(":1\r\n");
        batch.add(first);
        batch.add(second);
        assertThat(first.refCnt()).as("copied into the batch and released").isZero();
        assertThat(second.refCnt()).isZero();
        batch.add(text("$-1\r\n"));
        batch.flush();
        assertThat(readAll()).isEqualTo("+OK\r\n:1\r\n$-1\r\n");
    }

    @Test
    void aHeaderReservedAfterALoneMessageFollowsIt() {
        batch.add(text("first"));
        batch.reserve(6).writeBytes("header".getBytes(StandardCharsets.US_ASCII));
        batch.add(text("payload"));
        batch.flush();
        ByteBuf out = channel.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("firstheaderpayload");
        out.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aLargeMessageLeavesAfterTheLoneMessageBeforeIt() {
        ByteBuf small = text("small");
        ByteBuf large = Unpooled.buffer(WriteBatch.COPY_LIMIT + 1).writeZero(WriteBatch.COPY_LIMIT + 1);
        batch.add(small);
        batch.add(large);
        batch.flush();
        ByteBuf a = channel.readOutbound();
        ByteBuf b = channel.readOutbound();
        assertThat(a).isSameAs(small);
        assertThat(b).isSameAs(large);
        a.release();
        b.release();
    }

    @Test
    void eachFlushStartsAgainWithALoneMessage() {
        batch.add(text("a"));
        batch.add(text("b"));
        batch.flush();
        ByteBuf lone = text("c");
        batch.add(lone);
        batch.flush();
        ByteBuf gathered = channel.readOutbound();
        assertThat(gathered.toString(StandardCharsets.US_ASCII)).isEqualTo("ab");
        gathered.release();
        assertThat((Object) channel.readOutbound()).isSameAs(lone);
        lone.release();
    }

    @Test
    void discardReleasesALoneMessageAndAnEmptyMessageIsDropped() {
        ByteBuf lone = text("x");
        batch.add(lone);
        batch.discard();
        assertThat(lone.refCnt()).isZero();
        ByteBuf empty = Unpooled.buffer(0);
        batch.add(empty);
        assertThat(empty.refCnt()).isZero();
        batch.flush();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private String readAll() {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        int messages = 0;
        while ((b = channel.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
            messages++;
        }
        assertThat(messages).as("one write for the flush").isEqualTo(1);
        return sb.toString();
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
