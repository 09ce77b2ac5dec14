package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespArgsTest {

    private static List<String> parse(String frame) {
        ByteBuf buf = Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8);
        try {
            return Arrays.stream(RespArgs.parse(buf)).map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        } finally {
            buf.release();
        }
    }

    @Test
    void readsEveryArgumentBytesAndAll() {
        assertThat(parse("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\nv\r\nw\r\n")).containsExactly("SET", "k", "v\r\nw");
        assertThat(parse("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n")).containsExactly("ECHO", "");
    }

    @Test
    void anythingButOneCompleteArrayOfBulkStringsIsRefused() {
        for (String notARequest : List.of("*2\r\n$3\r\nGET\r\n", "*1\r\n*1\r\n$1\r\na\r\n", "+OK\r\n", "$3\r\nGET\r\n",
                "*1\r\n$-1\r\n", "*-1\r\n", "*1\r\n:1\r\n")) {
            assertThatThrownBy(() -> parse(notARequest)).as(notARequest).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> parse("*1\r\n?x\r\n")).isInstanceOf(CorruptedFrameException.class);
    }
}
