package io.dynoj.redis.datastore;

import io.dynoj.core.net.FrameCumulator;
import io.dynoj.redis.protocol.RespScanner;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * Splits a datastore's byte stream into whole RESP replies (RESP2, and RESP3 types should a backend
 * send them), each a retained slice of what arrived: replies go to clients byte for byte. The
 * framing is {@link RespScanner}'s, which resumes a reply split over many reads where it stopped.
 * Its cumulation grows toward the length of a bulk string in progress ({@link FrameCumulator}), so a
 * large value costs a few copies of itself. Stateful: one per connection.
 */
final class RespReplyDecoder extends ByteToMessageDecoder {

    private final RespScanner scanner = new RespScanner();
    private final FrameCumulator cumulator = new FrameCumulator();

    RespReplyDecoder() {
        setCumulator(cumulator);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        cumulator.expect(0);
        while (in.isReadable()) {
            int length;
            try {
                length = scanner.scan(in, in.readerIndex(), in.writerIndex());
            } catch (DecoderException e) {
                // Nothing after this can be trusted: drop it, the connection is closed and reopened.
                in.skipBytes(in.readableBytes());
                throw new DecoderException("datastore sent something that is not RESP: " + e.getMessage(), e);
            }
            if (length < 0) {
                cumulator.expect(scanner.needed());
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
