package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.testkit.CopyCountingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A large bulk string arriving in many small reads (as a client's SET of a big value does) costs work
 * linear in its size: the bytes copied are counted, not timed.
 */
class RespRequestDecoderLargeBulkTest {

    private static final int MB = 1024 * 1024;
    private static final int READ = 64 * 1024;

    @Test
    void aLargeValueInSmallReadsIsCopiedAFewTimesWhateverItsSize() {
        for (int size : new int[] {6 * MB, 40 * MB}) {
            byte[] value = new byte[size];
            new Random(size).nextBytes(value);
            byte[] frame = set("big", value);
            CopyCountingAllocator alloc = new CopyCountingAllocator();
            EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(CommandTable.standard(), ProtocolLimits.DEFAULTS));
            ch.config().setAllocator(alloc);
            for (int at = 0; at < frame.length; at += READ) {
                ch.writeInbound(Unpooled.wrappedBuffer(frame, at, Math.min(READ, frame.length - at)));
            }
            RedisRequest request = ch.readInbound();
            try {
                assertThat(request.command()).isEqualTo("set");
                assertThat(ByteBufUtil.equals(request.frame(), Unpooled.wrappedBuffer(frame))).as("%d MB", size / MB).isTrue();
                // Netty's own cumulation copied 8.5 times a 64 MB value; this one at most 3 times, any size.
                assertThat(alloc.bytesCopied()).as("%d MB", size / MB).isLessThanOrEqualTo(3L * frame.length);
                // The frame's buffer is as long as the frame: the bulk length capped its growth.
                assertThat(alloc.largestBuffer()).as("%d MB", size / MB).isEqualTo(frame.length);
            } finally {
                request.release();
            }
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void requestsPipelinedBehindALargeValueAreDecodedToo() {
        byte[] value = new byte[9 * MB];
        new Random(1).nextBytes(value);
        byte[] big = set("big", value);
        byte[] get = "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] stream = new byte[big.length + get.length];
        System.arraycopy(big, 0, stream, 0, big.length);
        System.arraycopy(get, 0, stream, big.length, get.length);
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(CommandTable.standard(), ProtocolLimits.DEFAULTS));
        ch.config().setAllocator(new CopyCountingAllocator());
        for (int at = 0; at < stream.length; at += 100_003) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(100_003, stream.length - at)));
        }
        RedisRequest first = ch.readInbound();
        RedisRequest second = ch.readInbound();
        assertThat(first.command()).isEqualTo("set");
        assertThat(ByteBufUtil.equals(first.frame(), Unpooled.wrappedBuffer(big))).isTrue();
        assertThat(second.command()).isEqualTo("get");
        first.release();
        second.release();
        assertThat(ch.finish()).isFalse();
    }

    private static byte[] set(String key, byte[] value) {
        ByteBuf buf = Unpooled.buffer(value.length + 64);
        buf.writeCharSequence("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length + "\r\n",
                StandardCharsets.US_ASCII);
        buf.writeBytes(value).writeByte('\r').writeByte('\n');
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }
}
