package io.dynoj.core.server;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.FrameRequest;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A test protocol of one request per line, {@code command key...}: {@code !x} is answered by the node
 * ({@code x}; {@code !quit} then closes the connection), a command starting with {@code ~} wants no reply, {@code set}/{@code mset} (also after
 * {@code ~}) write their keys, {@code info} is keyless, everything else reads its keys.
 */
final class LineProtocol implements ProtocolAdapter {

    static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /** What {@code ch} wrote since the last call, once its pending tasks (the flush) have run. */
    static String written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    @Override
    public String name() {
        return "line";
    }

    @Override
    public ChannelHandler newDecoder(ProtocolLimits limits) {
        return new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                int nl;
                while ((nl = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n')) >= 0) {
                    out.add(new LineRequest(in.readRetainedSlice(nl - in.readerIndex())));
                    in.skipBytes(1);
                }
            }
        };
    }

    @Override
    public LocalAnswer answerLocally(Request request, ClientSession session) {
        String line = request.command();
        if (!line.startsWith("!")) {
            return null;
        }
        ByteBuf reply = text(line.substring(1) + "\n");
        return line.equals("!quit") ? LocalAnswer.thenClose(reply) : LocalAnswer.of(reply);
    }

    @Override
    public ByteBuf errorReply(ByteBufAllocator alloc, String message) {
        return text("ERROR " + message + "\n");
    }

    @Override
    public Request decodeFrame(ByteBuf frame) {
        return new LineRequest(frame);
    }

    @Override
    public boolean isSplittable(Request request) {
        return false;
    }

    @Override
    public boolean isBroadcast(Request request) {
        return false;
    }

    @Override
    public Request splitRequest(Request request, int[] keyIndexes, ByteBufAllocator alloc) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ByteBuf mergeReplies(Request original, int[][] keyIndexes, ByteBuf[] parts, ByteBufAllocator alloc) {
        throw new UnsupportedOperationException();
    }

    /** One line; its keys are the words after the first, found in place as every protocol's requests are. */
    static final class LineRequest extends FrameRequest {
        private final String[] words;

        LineRequest(ByteBuf frame) {
            this(frame, frame.toString(StandardCharsets.UTF_8));
        }

        private LineRequest(ByteBuf frame, String line) {
            this(frame, line.isEmpty() ? new String[] {""} : line.split(" "));
        }

        private LineRequest(ByteBuf frame, String[] words) {
            super(frame, positions(words), null, false);
            this.words = words;
        }

        /** (offset, length) of each word after the first; ASCII in these tests. */
        private static int[] positions(String[] words) {
            int[] keys = new int[2 * (words.length - 1)];
            int offset = words[0].length() + 1;
            for (int w = 1; w < words.length; w++) {
                keys[2 * (w - 1)] = offset;
                keys[2 * (w - 1) + 1] = words[w].length();
                offset += words[w].length() + 1;
            }
            return keys;
        }

        /** The whole line. */
        String line() {
            return frame().toString(StandardCharsets.UTF_8);
        }

        @Override
        public String command() {
            return words[0];
        }

        @Override
        public RequestKind kind() {
            String c = words[0].startsWith("~") ? words[0].substring(1) : words[0];
            return switch (c) {
                case "set", "mset" -> RequestKind.WRITE;
                case "info" -> RequestKind.ADMIN;
                default -> RequestKind.READ;
            };
        }

        @Override
        public Request retainedDuplicate() {
            return new LineRequest(frame().retainedDuplicate(), words);
        }

        /** Commands starting with '~' want no reply. */
        @Override
        public boolean expectsReply() {
            return !words[0].startsWith("~");
        }
    }
}
