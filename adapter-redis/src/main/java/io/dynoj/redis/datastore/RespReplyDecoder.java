package io.dynoj.redis.datastore;

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
 * Stateful: one per connection.
 */
final class RespReplyDecoder extends ByteToMessageDecoder {

    private final RespScanner scanner = new RespScanner();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
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
                return;
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
