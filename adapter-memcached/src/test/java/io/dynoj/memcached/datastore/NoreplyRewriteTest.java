package io.dynoj.memcached.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NoreplyRewriteTest {

    private static String rewrite(String frame) {
        ByteBuf in = Unpooled.directBuffer().writeBytes(frame.getBytes(StandardCharsets.ISO_8859_1));
        in.readerIndex(0);
        ByteBuf out = NoreplyRewrite.withoutNoreply(in);
        try {
            return out == null ? null : out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            if (out != null) {
                out.release();
            }
            assertThat(in.refCnt()).as("the original stays the caller's").isOne();
            assertThat(in.readerIndex()).isZero();
            in.release();
        }
    }

    @Test
    void dropsTheTokenAndKeepsTheDataBlock() {
        assertThat(rewrite("set k 0 0 5 noreply\r\na\r\nb\n\r\n")).isEqualTo("set k 0 0 5\r\na\r\nb\n\r\n");
        assertThat(rewrite("cas k 1 2 3 99 noreply\r\nabc\r\n")).isEqualTo("cas k 1 2 3 99\r\nabc\r\n");
        assertThat(rewrite("delete k noreply\r\n")).isEqualTo("delete k\r\n");
        assertThat(rewrite("incr k 5   noreply  \r\n")).isEqualTo("incr k 5\r\n");
        assertThat(rewrite("touch k 10 noreply\n")).isEqualTo("touch k 10\n");
        assertThat(rewrite("flush_all noreply\r\n")).isEqualTo("flush_all\r\n");
    }

    @Test
    void onlyALastTokenNoreplyCounts() {
        assertThat(rewrite("noreply\r\n")).as("no command before it").isNull();
        assertThat(rewrite("set k 0 0 7\r\nnoreply\r\n")).as("in the data").isNull();
        assertThat(rewrite("delete k xnoreply\r\n")).isNull();
        assertThat(rewrite("delete k noreply")).as("no line end").isNull();
    }

    @Test
    void worksOnASliceOfALargerBuffer() {
        ByteBuf whole = Unpooled.copiedBuffer("xxset k 0 0 1 noreply\r\nv\r\nyy", StandardCharsets.ISO_8859_1);
        ByteBuf frame = whole.retainedSlice(2, whole.readableBytes() - 4);
        ByteBuf out = NoreplyRewrite.withoutNoreply(frame);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("set k 0 0 1\r\nv\r\n");
        out.release();
        frame.release();
        assertThat(whole.release()).isTrue();
    }
}
