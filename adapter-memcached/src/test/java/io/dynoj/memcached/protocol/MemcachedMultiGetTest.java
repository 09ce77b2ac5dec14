package io.dynoj.memcached.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemcachedMultiGetTest {

    private final MemcachedProtocolAdapter adapter = new MemcachedProtocolAdapter();
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    private MemcachedRequest decode(String line) {
        EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(new ProtocolLimits(1 << 20, 1024, 1000, true)));
        ch.writeInbound(Unpooled.copiedBuffer(line, StandardCharsets.ISO_8859_1));
        MemcachedRequest r = ch.readInbound();
        ch.finishAndReleaseAll();
        return r;
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String text(ByteBuf b) {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        b.release();
        return s;
    }

    /** Splits {@code request} as the router does, and returns each part's frame. */
    private String[] split(MemcachedRequest request, int[][] keyIndexes) {
        String[] frames = new String[keyIndexes.length];
        for (int p = 0; p < keyIndexes.length; p++) {
            Request part = adapter.splitRequest(request, keyIndexes[p], alloc);
            assertThat(part.keyCount()).isEqualTo(keyIndexes[p].length);
            assertThat(part.kind()).isEqualTo(request.kind());
            frames[p] = part.frame().toString(StandardCharsets.ISO_8859_1);
            part.release();
        }
        return frames;
    }

    @Test
    void onlyMultiKeyRetrievalsSplit() {
        for (String line : new String[] {"get a b", "gets a b", "gat 1 a b", "gats 1 a b"}) {
            MemcachedRequest r = decode(line + "\r\n");
            assertThat(adapter.isSplittable(r)).as(line).isTrue();
            assertThat(adapter.isBroadcast(r)).isFalse();
            r.release();
        }
        for (String line : new String[] {"get a", "set a 0 0 1\r\nx", "mg a v", "delete a", "flush_all"}) {
            MemcachedRequest r = decode(line + "\r\n");
            assertThat(adapter.isSplittable(r)).as(line).isFalse();
            r.release();
        }
        MemcachedRequest flush = decode("flush_all 10\r\n");
        assertThat(adapter.isBroadcast(flush)).isTrue();
        flush.release();
    }

    @Test
    void splitsKeepTheCommandAndExptime() {
        MemcachedRequest gats = decode("gats  -5 a bb c\r\n");
        assertThat(split(gats, new int[][] {{0, 2}, {1}})).containsExactly("gats -5 a c\r\n", "gats -5 bb\r\n");
        gats.release();
        MemcachedRequest get = decode("get a b a\r\n");
        assertThat(split(get, new int[][] {{0, 2}, {1}})).containsExactly("get a a\r\n", "get b\r\n");
        get.release();
    }

    @Test
    void mergesInTheClientsKeyOrderWithOneEnd() {
        // get a b c d: a and c on one node (c a miss), b and d on another (both hits).
        MemcachedRequest get = decode("get a b c d\r\n");
        int[][] parts = {{0, 2}, {1, 3}};
        split(get, parts);
        ByteBuf merged = adapter.mergeReplies(get, parts, new ByteBuf[] {
            buf("VALUE a 0 1\r\nA\r\nEND\r\n"),
            buf("VALUE b 5 2\r\nBB\r\nVALUE d 0 3 77\r\nD\r\n\r\nEND\r\n")}, alloc);
        assertThat(text(merged)).isEqualTo("VALUE a 0 1\r\nA\r\nVALUE b 5 2\r\nBB\r\nVALUE d 0 3 77\r\nD\r\n\r\nEND\r\n");
        get.release();

        // Only c hits in the first part: it goes after b, where the client asked for it.
        MemcachedRequest again = decode("get a b c d\r\n");
        int[][] parts2 = {{0, 2}, {1, 3}};
        split(again, parts2);
        ByteBuf merged2 = adapter.mergeReplies(again, parts2, new ByteBuf[] {
            buf("VALUE c 0 1\r\nC\r\nEND\r\n"), buf("VALUE b 0 1\r\nB\r\nEND\r\n")}, alloc);
        again.release();
        assertThat(text(merged2)).isEqualTo("VALUE b 0 1\r\nB\r\nVALUE c 0 1\r\nC\r\nEND\r\n");
    }

    @Test
    void repeatedKeysAndMisses() {
        // get x a y a: a twice on one node, x and y (both misses) on another.
        MemcachedRequest get = decode("get x a y a\r\n");
        int[][] parts = {{0, 2}, {1, 3}};
        split(get, parts);
        ByteBuf merged = adapter.mergeReplies(get, parts, new ByteBuf[] {
            buf("END\r\n"), buf("VALUE a 0 1\r\n1\r\nVALUE a 0 1\r\n1\r\nEND\r\n")}, alloc);
        get.release();
        assertThat(text(merged)).isEqualTo("VALUE a 0 1\r\n1\r\nVALUE a 0 1\r\n1\r\nEND\r\n");

        MemcachedRequest none = decode("get x y\r\n");
        int[][] noneParts = {{0}, {1}};
        split(none, noneParts);
        assertThat(text(adapter.mergeReplies(none, noneParts, new ByteBuf[] {buf("END\r\n"), buf("END\r\n")},
                alloc))).isEqualTo("END\r\n");
        none.release();
    }

    @Test
    void anErrorPartIsTheAnswer() {
        MemcachedRequest get = decode("get a b\r\n");
        MemcachedRequest gat = decode("gat 1 a b\r\n");
        ByteBuf ok = buf("VALUE a 0 1\r\nA\r\nEND\r\n");
        ByteBuf error = adapter.mergeReplies(get, new int[][] {{0}, {1}},
                new ByteBuf[] {ok, buf("SERVER_ERROR out of memory writing get response\r\n")}, alloc);
        assertThat(text(error)).isEqualTo("SERVER_ERROR out of memory writing get response\r\n");
        assertThat(ok.refCnt()).isZero();
        assertThat(text(adapter.mergeReplies(gat, new int[][] {{0}, {1}},
                new ByteBuf[] {buf("CLIENT_ERROR invalid exptime argument\r\n"), buf("END\r\n")}, alloc)))
                .isEqualTo("CLIENT_ERROR invalid exptime argument\r\n");
        ByteBuf truncated = adapter.mergeReplies(get, new int[][] {{0}, {1}},
                new ByteBuf[] {buf("VALUE a 0 10\r\nA\r\n"), buf("END\r\n")}, alloc);
        assertThat(text(truncated)).startsWith("SERVER_ERROR ");
        get.release();
        gat.release();
    }

    @Test
    void decodeFrameReadsExactlyOneRequest() {
        Request set = adapter.decodeFrame(buf("set k 0 0 1\r\nx\r\n"));
        assertThat(set.command()).isEqualTo("set");
        assertThat(set.frame().readableBytes()).isEqualTo(16);
        set.release();
        Request flush = adapter.decodeFrame(buf("flush_all\r\n"));
        assertThat(flush.kind()).as("a peer's flush_all was allowed where it came from").isEqualTo(RequestKind.ADMIN);
        flush.release();
        for (String bad : new String[] {"get a\r\nget b\r\n", "set k 0 0 5\r\nx\r\n", "get a", ""}) {
            MemcachedRequest r = (MemcachedRequest) adapter.decodeFrame(buf(bad));
            assertThat(r.refusal()).as(bad).startsWith("SERVER_ERROR ");
            assertThat(r.kind()).isEqualTo(RequestKind.LOCAL);
            r.release();
        }
        // The reader is left clean for the next frame.
        Request get = adapter.decodeFrame(buf("get z\r\n"));
        assertThat(get.keyCount()).isEqualTo(1);
        get.release();
    }
}
