package io.dynoj.core.fake;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import java.nio.charset.StandardCharsets;

/**
 * A fake protocol, {@code line}, so that framework-core's routing, quorum and peer path can be tested end
 * to end without a real protocol adapter. One request per line, tokens separated by spaces; values are
 * single tokens other than {@code NIL}.
 *
 * <pre>
 * PING            PONG                    answered by the node
 * GET k           VALUE v | NIL           read
 * SET k v         OK                      write
 * MGET k1 k2 ...  VALUES v1 NIL v3 ...    read, split by owner and merged in key order
 * PEEK k          VALUE v | NIL           this node's own datastore only (keyless, never routed)
 * POKE k v        OK                      sets k on this node's own datastore only
 * anything else   ERR message
 * </pre>
 *
 * Served by {@link MapDatastoreProvider}'s datastore ({@code linemap}); registered only where a test
 * asks, see {@link LineProtocol}. Stateless and thread-safe.
 */
public final class LineProtocolAdapter implements ProtocolAdapter {

    public static final String NAME = "line";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChannelHandler newDecoder(ProtocolLimits limits) {
        return new LineDecoder(limits.maxInlineBytes());
    }

    @Override
    public LocalAnswer answerLocally(Request request, ClientSession session) {
        LineRequest line = (LineRequest) request;
        if (line.refusal() != null) {
            return new LocalAnswer(errorReply(session.alloc(), line.refusal()), line.closeAfter());
        }
        return line.command().equals("ping") ? LocalAnswer.of(text(session.alloc(), "PONG\n")) : null;
    }

    @Override
    public ByteBuf errorReply(ByteBufAllocator alloc, String message) {
        return text(alloc, "ERR " + message + "\n");
    }

    @Override
    public Request decodeFrame(ByteBuf frame) {
        return LineRequest.parse(frame);
    }

    @Override
    public boolean isSplittable(Request request) {
        return request.command().equals("mget");
    }

    @Override
    public boolean isBroadcast(Request request) {
        return false;
    }

    @Override
    public Request splitRequest(Request request, int[] keyIndexes, ByteBufAllocator alloc) {
        ByteBuf part = alloc.buffer();
        part.writeCharSequence("MGET", StandardCharsets.US_ASCII);
        for (int index : keyIndexes) {
            ByteBuf key = request.key(index);
            part.writeByte(' ').writeBytes(key, key.readerIndex(), key.readableBytes());
        }
        part.writeByte('\n');
        return LineRequest.parse(part);
    }

    @Override
    public ByteBuf mergeReplies(Request original, int[][] keyIndexes, ByteBuf[] partReplies, ByteBufAllocator alloc) {
        try {
            String[] values = new String[original.keyCount()];
            for (int p = 0; p < partReplies.length; p++) {
                String reply = partReplies[p].toString(StandardCharsets.US_ASCII);
                if (!reply.startsWith("VALUES ")) {
                    return text(alloc, reply); // an error: the client gets it instead
                }
                String[] tokens = reply.strip().split(" ");
                for (int k = 0; k < keyIndexes[p].length; k++) {
                    values[keyIndexes[p][k]] = tokens[k + 1];
                }
            }
            return text(alloc, "VALUES " + String.join(" ", values) + "\n");
        } finally {
            for (ByteBuf reply : partReplies) {
                reply.release();
            }
        }
    }

    static ByteBuf text(ByteBufAllocator alloc, String text) {
        ByteBuf buf = alloc.buffer(text.length());
        buf.writeCharSequence(text, StandardCharsets.US_ASCII);
        return buf;
    }
}
