package io.dynoj.memcached.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.memcached.protocol.ReplyShape;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemcachedReplyDecoderTest {

    /** One waiting request: how its reply is framed, and the bytes the server sends for it. */
    private record Exchange(ReplyShape shape, boolean quiet, String sent, String expectedReply) {
        static Exchange of(ReplyShape shape, String sent) {
            return new Exchange(shape, false, sent, sent);
        }

        static Exchange quiet(ReplyShape shape, String sent, String expectedReply) {
            return new Exchange(shape, true, sent, expectedReply);
        }
    }

    /** The waiting queue as the connection keeps it: the handler after the decoder takes the head off. */
    private static final class Waiting extends ChannelInboundHandlerAdapter implements ExpectedReplies {
        final List<Exchange> exchanges;
        final List<ByteBuf> replies = new ArrayList<>();
        int answered;

        Waiting(List<Exchange> exchanges) {
            this.exchanges = new ArrayList<>(exchanges);
        }

        @Override
        public ReplyShape shape(int index) {
            int i = answered + index;
            return i < exchanges.size() ? exchanges.get(i).shape() : null;
        }

        @Override
        public boolean quiet(int index) {
            int i = answered + index;
            return i < exchanges.size() && exchanges.get(i).quiet();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            answered++;
            replies.add((ByteBuf) msg);
        }

        List<String> takeReplies() {
            List<String> out = new ArrayList<>();
            for (ByteBuf b : replies) {
                out.add(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
            replies.clear();
            return out;
        }
    }

    private static final List<Exchange> EXCHANGES = List.of(
            Exchange.of(ReplyShape.LINE, "STORED\r\n"),
            Exchange.of(ReplyShape.LINE, "18446744073709551615\r\n"),
            Exchange.of(ReplyShape.LINE, "VERSION 1.6.18\r\n"),
            Exchange.of(ReplyShape.LINE, "HD c42 kfoo\r\n"),
            Exchange.of(ReplyShape.LINE, "ERROR\r\n"),
            Exchange.of(ReplyShape.VALUES_THEN_END, "END\r\n"),
            Exchange.of(ReplyShape.VALUES_THEN_END, "VALUE k 0 2\r\nhi\r\nEND\r\n"),
            Exchange.of(ReplyShape.VALUES_THEN_END,
                    "VALUE a 5 5 77\r\n\r\nEND\r\nVALUE b 4294967295 0 78\r\n\r\nVALUE c 0 1\r\n\n\r\nEND\r\n"),
            Exchange.of(ReplyShape.VALUES_THEN_END, "CLIENT_ERROR bad command line format\r\n"),
            Exchange.of(ReplyShape.VALUES_THEN_END,
                    "VALUE k 0 1\r\nx\r\nSERVER_ERROR out of memory writing get response\r\n"),
            Exchange.of(ReplyShape.STATS_THEN_END, "STAT pid 1\r\nSTAT version 1.6.18\r\nEND\r\n"),
            Exchange.of(ReplyShape.STATS_THEN_END, "END\r\n"),
            Exchange.of(ReplyShape.STATS_THEN_END, "SERVER_ERROR out of memory\r\n"),
            Exchange.of(ReplyShape.META_VALUE_OR_LINE, "VA 2 f0 t-1\r\nhi\r\n"),
            Exchange.of(ReplyShape.META_VALUE_OR_LINE, "VA 0\r\n\r\n"),
            Exchange.of(ReplyShape.META_VALUE_OR_LINE, "VA 4 kk O1\r\n\r\n\r\n\r\n"),
            Exchange.of(ReplyShape.META_VALUE_OR_LINE, "EN\r\n"),
            Exchange.of(ReplyShape.META_VALUE_OR_LINE, "HD\r\n"),
            Exchange.of(ReplyShape.META_VALUE_OR_LINE, "CLIENT_ERROR bad data chunk\r\n"),
            Exchange.quiet(ReplyShape.META_VALUE_OR_LINE, "MN\r\n", ""),
            Exchange.quiet(ReplyShape.META_VALUE_OR_LINE, "VA 1 O9\r\n5\r\nMN\r\n", "VA 1 O9\r\n5\r\n"),
            Exchange.quiet(ReplyShape.META_VALUE_OR_LINE, "HD\r\nMN\r\n", "HD\r\n"),
            Exchange.quiet(ReplyShape.LINE, "MN\r\n", ""),
            Exchange.quiet(ReplyShape.LINE, "NS\r\nMN\r\n", "NS\r\n"),
            Exchange.quiet(ReplyShape.LINE, "CLIENT_ERROR invalid flag\r\nMN\r\n", "CLIENT_ERROR invalid flag\r\n"),
            Exchange.of(ReplyShape.LINE, "TOUCHED\r\n"));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String sent(List<Exchange> exchanges) {
        StringBuilder sb = new StringBuilder();
        exchanges.forEach(e -> sb.append(e.sent()));
        return sb.toString();
    }

    private static List<String> expected(List<Exchange> exchanges) {
        return exchanges.stream().map(Exchange::expectedReply).toList();
    }

    /** Feeds {@code input} in pieces ending at {@code cuts}, returns the replies. */
    private static List<String> decode(List<Exchange> exchanges, byte[] input, int... cuts) {
        Waiting waiting = new Waiting(exchanges);
        EmbeddedChannel ch = new EmbeddedChannel(new MemcachedReplyDecoder(waiting), waiting);
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.copiedBuffer(input, from, cut - from));
            from = cut;
        }
        ch.writeInbound(Unpooled.copiedBuffer(input, from, input.length - from));
        assertThat(ch.finish()).isFalse();
        return waiting.takeReplies();
    }

    @Test
    void framesEveryShapeWhereverTheBytesBreak() {
        byte[] input = bytes(sent(EXCHANGES));
        List<String> expected = expected(EXCHANGES);
        assertThat(decode(EXCHANGES, input)).isEqualTo(expected);
        for (int cut = 1; cut < input.length; cut++) {
            assertThat(decode(EXCHANGES, input, cut)).as("cut at %d", cut).isEqualTo(expected);
        }
        for (int cut = 1; cut + 7 < input.length; cut += 3) {
            assertThat(decode(EXCHANGES, input, cut, cut + 7)).as("cuts at %d and %d", cut, cut + 7)
                    .isEqualTo(expected);
        }
    }

    @Test
    void framesOneByteAtATime() {
        byte[] input = bytes(sent(EXCHANGES));
        int[] cuts = new int[input.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(decode(EXCHANGES, input, cuts)).isEqualTo(expected(EXCHANGES));
    }

    @Test
    void errorLinesStandInForEveryShape() {
        for (ReplyShape shape : ReplyShape.values()) {
            for (String error : List.of("ERROR\r\n", "ERROR unknown command\r\n", "CLIENT_ERROR bad format\r\n",
                    "SERVER_ERROR out of memory storing object\r\n", "SERVER_ERROR\r\n")) {
                List<Exchange> exchanges = List.of(Exchange.of(shape, error), Exchange.of(ReplyShape.LINE, "STORED\r\n"));
                assertThat(decode(exchanges, bytes(sent(exchanges)))).as("%s answered %s", shape, error)
                        .isEqualTo(expected(exchanges));
            }
        }
    }

    @Test
    void largeValuesArriveInPieces() {
        byte[] data = new byte[500 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 7 == 0 ? '\r' : i % 11 == 0 ? '\n' : i);
        }
        String value = new String(data, StandardCharsets.ISO_8859_1);
        List<Exchange> exchanges = List.of(
                Exchange.of(ReplyShape.VALUES_THEN_END, "VALUE big 3 " + data.length + " 9\r\n" + value + "\r\nEND\r\n"),
                Exchange.of(ReplyShape.META_VALUE_OR_LINE, "VA " + data.length + " s" + data.length + "\r\n" + value + "\r\n"),
                Exchange.of(ReplyShape.LINE, "DELETED\r\n"));
        byte[] input = bytes(sent(exchanges));
        int[] cuts = new int[input.length / 65536];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (i + 1) * 65536 - 3;
        }
        assertThat(decode(exchanges, input, cuts)).isEqualTo(expected(exchanges));
    }

    @Test
    void repliesAreSlicesOfWhatArrived() {
        List<Exchange> exchanges = List.of(Exchange.of(ReplyShape.LINE, "STORED\r\n"),
                Exchange.of(ReplyShape.VALUES_THEN_END, "VALUE k 0 2\r\nhi\r\nEND\r\n"));
        Waiting waiting = new Waiting(exchanges);
        EmbeddedChannel ch = new EmbeddedChannel(new MemcachedReplyDecoder(waiting), waiting);
        ByteBuf in = Unpooled.directBuffer().writeBytes(bytes(sent(exchanges)));
        ch.writeInbound(in);
        assertThat(waiting.replies).hasSize(2);
        assertThat(waiting.replies.get(1).unwrap()).as("a slice, not a copy").isNotNull();
        assertThat(waiting.takeReplies()).isEqualTo(expected(exchanges));
        assertThat(ch.finish()).isFalse();
    }

    private static void assertGarbage(List<Exchange> exchanges, String input) {
        Waiting waiting = new Waiting(exchanges);
        EmbeddedChannel ch = new EmbeddedChannel(new MemcachedReplyDecoder(waiting), waiting);
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer(bytes(input))))
                .as("%s", input).isInstanceOf(DecoderException.class).hasMessageContaining("memcached sent");
        waiting.takeReplies();
        ch.finishAndReleaseAll();
    }

    @Test
    void bytesThatFitNoExpectedReplyAreAnError() {
        List<Exchange> line = List.of(Exchange.of(ReplyShape.LINE, ""));
        List<Exchange> values = List.of(Exchange.of(ReplyShape.VALUES_THEN_END, ""));
        List<Exchange> stats = List.of(Exchange.of(ReplyShape.STATS_THEN_END, ""));
        List<Exchange> meta = List.of(Exchange.of(ReplyShape.META_VALUE_OR_LINE, ""));
        List<Exchange> quiet = List.of(Exchange.quiet(ReplyShape.META_VALUE_OR_LINE, "", ""));
        assertGarbage(List.of(), "STORED\r\n");
        assertGarbage(line, "STORED\r\nSTORED\r\n");
        assertGarbage(line, "VALUE k 0 1\r\nx\r\nEND\r\n");
        assertGarbage(line, "END\r\n");
        assertGarbage(line, "VA 1\r\nx\r\n");
        assertGarbage(line, "stored\r\n");
        assertGarbage(line, "\u0000\u0001\u0002\r\n");
        assertGarbage(line, "\r\n");
        assertGarbage(line, "STORED\n");
        assertGarbage(line, "S".repeat(MemcachedReplyDecoder.MAX_LINE + 3));
        assertGarbage(values, "STORED\r\n");
        assertGarbage(values, "VALUE k 0 2\r\nhiX\r\nEND\r\n");
        assertGarbage(values, "VALUE k 0 x\r\nhi\r\nEND\r\n");
        assertGarbage(values, "VALUE k 0\r\nhi\r\nEND\r\n");
        assertGarbage(values, "VALUE k 0 2 1 extra\r\nhi\r\nEND\r\n");
        assertGarbage(values, "VALUE k 0 99999999999\r\n");
        assertGarbage(values, "VALUE k 0 2\r\nhi\r\nVA 1\r\n");
        assertGarbage(stats, "STAT a 1\r\nVALUE k 0 1\r\nx\r\nEND\r\n");
        assertGarbage(meta, "VA x\r\nhi\r\n");
        assertGarbage(meta, "VA 2\r\nhi!!\r\n");
        assertGarbage(meta, "VALUE k 0 2\r\nhi\r\nEND\r\n");
        assertGarbage(quiet, "HD\r\nHD\r\n");
        assertGarbage(quiet, "VA 1\r\n1\r\nEN\r\n");
    }

    @Test
    void goodRepliesBeforeGarbageStillArrive() {
        List<Exchange> exchanges = List.of(Exchange.of(ReplyShape.LINE, "STORED\r\n"),
                Exchange.of(ReplyShape.VALUES_THEN_END, ""));
        Waiting waiting = new Waiting(exchanges);
        EmbeddedChannel ch = new EmbeddedChannel(new MemcachedReplyDecoder(waiting), waiting);
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer(bytes("STORED\r\nNOT_STORED\r\n"))))
                .isInstanceOf(DecoderException.class);
        assertThat(waiting.takeReplies()).containsExactly("STORED\r\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void leftoversOfAConnectionGivenUpAreDropped() {
        Waiting waiting = new Waiting(List.of(Exchange.of(ReplyShape.VALUES_THEN_END, "")));
        EmbeddedChannel ch = new EmbeddedChannel(new MemcachedReplyDecoder(waiting), waiting);
        ch.writeInbound(Unpooled.copiedBuffer(bytes("VALUE k 0 10\r\nabc")));
        // A timeout answered the request with an error and closes the channel: the rest is nobody's.
        waiting.exchanges.clear();
        ch.close();
        assertThat(ch.finish()).isFalse();
        assertThat(waiting.takeReplies()).isEmpty();
    }

    @Test
    void expectationsComeFromTheWaitingQueue() {
        WaitingRequests queue = new WaitingRequests();
        List<Exchange> waiting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Exchange e = new Exchange(ReplyShape.values()[i % ReplyShape.values().length], i % 3 == 0, "", "");
            waiting.add(e);
            queue.add(null, e.shape(), e.quiet());
            if (i % 4 == 3) {
                queue.poll();
                waiting.remove(0);
            }
        }
        assertThat(queue.size()).isEqualTo(waiting.size());
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(queue.shape(i)).isEqualTo(waiting.get(i).shape());
            assertThat(queue.quiet(i)).isEqualTo(waiting.get(i).quiet());
        }
        assertThat(queue.shape(waiting.size())).isNull();
        assertThat(queue.quiet(waiting.size())).isFalse();
    }
}
