package io.dynoj.core.peer;

import io.dynoj.core.net.FrameCumulator;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Splits the peer byte stream into {@link PeerMessage}s; the payload is a retained slice, not a copy.
 * A frame of another magic or protocol version, or over the size limit, fails the connection with a
 * {@link CorruptedFrameException} saying which. While reading is paused ({@link PeerReadThrottle}) it
 * leaves whole frames in its buffer, so a paused connection takes no more requests from a read already
 * under way; they are decoded when reading resumes.
 */
final class PeerFrameDecoder extends ByteToMessageDecoder {

    private final long maxPayload;
    private final FrameCumulator cumulator = new FrameCumulator();

    PeerFrameDecoder(long maxPayload) {
        this.maxPayload = maxPayload;
        setCumulator(cumulator);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // One frame per call: the decoder hands it on before the next call, so a pause it causes is seen here.
        cumulator.expect(0);
        if (in.readableBytes() >= PeerMessage.HEADER_LENGTH && ctx.channel().config().isAutoRead()) {
            int at = in.readerIndex();
            byte magic = in.getByte(at);
            byte version = in.getByte(at + 1);
            if (magic != PeerMessage.MAGIC || version != PeerMessage.VERSION) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException(magic != PeerMessage.MAGIC
                        ? String.format("not a Dynoj peer frame (magic 0x%02X, expected 0x%02X)", magic & 0xFF,
                                PeerMessage.MAGIC & 0xFF)
                        : "peer frame of protocol version " + version + "; this node speaks version "
                                + PeerMessage.VERSION);
            }
            long length = in.getUnsignedInt(at + 16);
            if (length > maxPayload) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("peer frame of " + length + " bytes is over the limit " + maxPayload);
            }
            if (in.readableBytes() < PeerMessage.HEADER_LENGTH + length) {
                cumulator.expect(PeerMessage.HEADER_LENGTH + length);
                return;
            }
            byte type = in.getByte(at + 2);
            byte mode = in.getByte(at + 3);
            byte consistency = in.getByte(at + 4);
            byte origin = in.getByte(at + 5);
            byte flags = in.getByte(at + 6);
            long id = in.getLong(at + 8);
            in.skipBytes(PeerMessage.HEADER_LENGTH);
            long writeTime = 0;
            if (type == PeerMessage.REQUEST && (flags & PeerMessage.FLAG_WRITE_TIME) != 0) {
                if (length < PeerMessage.WRITE_TIME_LENGTH) {
                    in.skipBytes(in.readableBytes());
                    throw new CorruptedFrameException("peer request of " + length + " bytes cannot hold its write time");
                }
                writeTime = in.readLong();
                length -= PeerMessage.WRITE_TIME_LENGTH;
            }
            out.add(new PeerMessage(type, mode, consistency, origin, flags, id, in.readRetainedSlice((int) length),
                    writeTime));
        }
    }
}
