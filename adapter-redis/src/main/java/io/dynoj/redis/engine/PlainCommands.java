package io.dynoj.redis.engine;

import io.dynoj.redis.protocol.FixedReplies;
import io.dynoj.redis.protocol.RedisRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The two commands of most traffic, {@code SET key value} and {@code GET key}, served from the request's
 * frame: no argument array ({@link io.dynoj.redis.protocol.RespArgs} copies every argument), no
 * {@link Call}. Anything else about them (options, expiry, a wrong type, a
 * large value) is left to the general path: each method returns {@code null} then, having done nothing.
 *
 * <p>Stateless; callable from any thread.
 */
final class PlainCommands {

    /** Larger values take the general path: a group of staged writes should stay small. */
    static final int MAX_STAGED_VALUE = 64 * 1024;

    private PlainCommands() {
    }

    /**
     * A plain {@code SET key value} whose value has at most {@code maxValue} bytes: its store key and encoded value
     * (the value's bytes copied once, from the frame into the encoded value), or null when it is any other request.
     */
    static byte[][] plainSet(RedisRequest request, int maxValue) {
        // A guarded write (a replayed hint, a key copy) applies only over older writes: that needs a read.
        if (request.argc() != 3 || request.keyCount() != 1 || request.parts() != null || request.refusal() != null
                || request.writeTimeGuarded() || !"set".equals(request.command())) {
            return null;
        }
        ByteBuf frame = request.frame();
        int end = frame.writerIndex();
        // After the key: CRLF, then the value's header "$<length>" CRLF, the value, CRLF, the frame's end.
        int i = frame.readerIndex() + request.keyEnd(0) + 2;
        if (i >= end || frame.getByte(i) != '$') {
            return null;
        }
        long length = 0;
        byte b;
        for (i++; i < end && (b = frame.getByte(i)) != '\r'; i++) {
            if (b < '0' || b > '9' || (length = length * 10 + (b - '0')) > maxValue) {
                return null;
            }
        }
        int valueStart = i + 2;
        if (valueStart + length + 2 != end) {
            return null;
        }
        byte[] stored = StoredValue.stringWithRoom((int) length, request.writeTime());
        frame.getBytes(valueStart, stored, StoredValue.TIMED_HEADER, (int) length);
        return new byte[][] {Keyspace.storeKey(request.key(0)), stored};
    }

    /** Whether {@code request} is {@code GET key}. */
    static boolean isGet(RedisRequest request) {
        return request.argc() == 2 && request.keyCount() == 1 && request.parts() == null
                && "get".equals(request.command());
    }

    /**
     * The reply to {@code GET key} when the key is absent or a live string, else null (a wrong type, an
     * expired key to delete: the general path answers). The caller holds the key's lock.
     */
    static ByteBuf get(RedisRequest request, Keyspace keyspace, ByteBufAllocator alloc) {
        byte[] raw = keyspace.raw(Keyspace.storeKey(request.key(0)));
        if (raw == null || StoredValue.isTombstone(raw)) {
            return FixedReplies.nullBulk();
        }
        long expireAt = StoredValue.expireAtOf(raw);
        if (StoredValue.typeOf(raw) != ValueType.STRING || expireAt != 0 && expireAt <= keyspace.now()) {
            return null;
        }
        // Straight from the stored bytes: no decoded value, no payload copy.
        int offset = StoredValue.payloadOffset(raw);
        int length = raw.length - offset;
        ByteBuf reply = alloc.buffer(length + 16);
        reply.writeByte('$');
        writeDecimal(reply, length);
        reply.writeShort(0x0d0a);
        reply.writeBytes(raw, offset, length);
        reply.writeShort(0x0d0a);
        return reply;
    }

    private static void writeDecimal(ByteBuf buf, int value) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        int at = buf.writerIndex();
        buf.writerIndex(at + digits);
        for (int i = at + digits - 1, v = value; i >= at; i--, v /= 10) {
            buf.setByte(i, '0' + v % 10);
        }
    }
}
