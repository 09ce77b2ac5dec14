package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/** Splits the peer byte stream into {@link PeerMessage}s; the payload is a retained slice, not a copy. */
final class PeerFrameDecoder extends ByteToMessageDecoder {

    private final long maxPayload;

    PeerFrameDecoder(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= PeerMessage.HEADER_LENGTH) {
            int at = in.readerIndex();
            if (in.getByte(at) != PeerMessage.MAGIC || in.getByte(at + 1) != PeerMessage.VERSION) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("not a Dynoj peer frame (magic/version "
                        + in.getByte(at) + "/" + in.getByte(at + 1) + ")");
            }
            long length = in.getUnsignedInt(at + 16);
            if (length > maxPayload) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("peer frame of " + length + " bytes is over the limit " + maxPayload);
            }
            if (in.readableBytes() < PeerMessage.HEADER_LENGTH + length) {
                return;
            }
            byte type = in.getByte(at + 2);
            byte mode = in.getByte(at + 3);
            byte consistency = in.getByte(at + 4);
            byte origin = in.getByte(at + 5);
            byte flags = in.getByte(at + 6);
            long id = in.getLong(at + 8);
            in.skipBytes(PeerMessage.HEADER_LENGTH);
            out.add(new PeerMessage(type, mode, consistency, origin, flags, id, in.readRetainedSlice((int) length)));
        }
    }
}
