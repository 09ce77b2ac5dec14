package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** The payload of a {@link PeerMessage#PUBLISH} frame and of its answer. Stateless. */
final class PublishPayload {

    private PublishPayload() {
    }

    /** channel length (4 bytes), channel, message: a new buffer. */
    static ByteBuf encode(ByteBufAllocator alloc, byte[] channel, byte[] message) {
        return alloc.buffer(4 + channel.length + message.length).writeInt(channel.length).writeBytes(channel)
                .writeBytes(message);
    }

    /** The channel and the message of {@code payload} (read, not released); malformed: IllegalArgumentException. */
    static byte[][] decode(ByteBuf payload) {
        int length = payload.readableBytes() >= 4 ? payload.getInt(payload.readerIndex()) : -1;
        if (length < 0 || length > payload.readableBytes() - 4) {
            throw new IllegalArgumentException("malformed PUBLISH payload of " + payload.readableBytes() + " bytes");
        }
        byte[] channel = new byte[length];
        byte[] message = new byte[payload.readableBytes() - 4 - length];
        payload.getBytes(payload.readerIndex() + 4, channel);
        payload.getBytes(payload.readerIndex() + 4 + length, message);
        return new byte[][] {channel, message};
    }

    /** The answer: how many subscribers got the message (8 bytes). */
    static ByteBuf count(ByteBufAllocator alloc, long count) {
        return alloc.buffer(8).writeLong(count);
    }

    /** The count an answer carries; malformed: IllegalArgumentException. */
    static long readCount(ByteBuf answer) {
        if (answer.readableBytes() != 8) {
            throw new IllegalArgumentException("malformed PUBLISH answer of " + answer.readableBytes() + " bytes");
        }
        return answer.getLong(answer.readerIndex());
    }
}
