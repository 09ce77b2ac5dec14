package io.dynoj.redis.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespReplyDecoderTest {

    private static final List<String> REPLIES = List.of(
            "+OK\r\n", "-ERR no\r\n", ":42\r\n", "$5\r\nhe\r\nl\r\n", "$-1\r\n", "*-1\r\n", "*0\r\n",
            "*3\r\n$1\r\na\r\n*2\r\n:1\r\n$0\r\n\r\n+x\r\n", "%1\r\n+k\r\n:1\r\n", "_\r\n",
            "|1\r\n+ttl\r\n:3\r\n$1\r\nv\r\n", ">2\r\n+message\r\n$1\r\nx\r\n");

    private static List<String> decode(byte[] input, int cut) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespReplyDecoder());
        if (cut > 0) {
            ch.writeInbound(Unpooled.copiedBuffer(input, 0, cut));
        }
        ch.writeInbound(Unpooled.copiedBuffer(input, cut, input.length - cut));
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            out.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        assertThat(ch.finish()).isFalse();
        return out;
    }

    @Test
    void splitsEveryReplyTypeWhereverTheBytesBreak() {
        byte[] input = String.join("", REPLIES).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < input.length; cut++) {
            assertThat(decode(input, cut)).as("cut at %d", cut).isEqualTo(REPLIES);
        }
    }

    @Test
    void garbageFromTheDatastoreIsAnError() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespReplyDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer("?what\r\n", StandardCharsets.UTF_8)))
                .isInstanceOf(DecoderException.class);
        ch.finishAndReleaseAll();
    }
}
