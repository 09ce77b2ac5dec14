package io.dynoj.core.fake;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a client's bytes into {@link LineRequest}s, one per {@code \n}, each a retained slice of the
 * read buffer. A line longer than the limit becomes an error request, and nothing after it is read.
 * One per connection, on its event loop.
 */
final class LineDecoder extends ByteToMessageDecoder {

    private final int maxLine;
    private boolean refused;

    LineDecoder(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0 ? in.readableBytes() > maxLine : eol - in.readerIndex() > maxLine) {
            refused = true;
            in.skipBytes(in.readableBytes());
            out.add(LineRequest.tooLong(ctx.alloc()));
        } else if (eol >= 0) {
            out.add(LineRequest.parse(in.readRetainedSlice(eol + 1 - in.readerIndex())));
        }
    }
}
