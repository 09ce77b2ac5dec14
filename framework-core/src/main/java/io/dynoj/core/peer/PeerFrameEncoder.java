package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** Writes a {@link PeerMessage} as a small header buffer followed by its payload, which is not copied. */
@ChannelHandler.Sharable
final class PeerFrameEncoder extends ChannelOutboundHandlerAdapter {

    static final PeerFrameEncoder INSTANCE = new PeerFrameEncoder();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof PeerMessage m)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf header = ctx.alloc().ioBuffer(PeerMessage.HEADER_LENGTH);
        header.writeByte(PeerMessage.MAGIC).writeByte(PeerMessage.VERSION).writeByte(m.type())
                .writeByte(m.mode()).writeByte(m.consistency()).writeMedium(0)
                .writeLong(m.requestId()).writeInt(m.payload().readableBytes());
        ctx.write(header, ctx.voidPromise());
        ctx.write(m.payload(), promise);
    }
}
