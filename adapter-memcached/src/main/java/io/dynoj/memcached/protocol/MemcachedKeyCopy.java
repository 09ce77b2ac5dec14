package io.dynoj.memcached.protocol;

import io.dynoj.core.spi.KeyCopy;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A memcached item copied whole with the meta commands, which both memcached 1.6 and the embedded engine
 * speak: {@code mg <key> v f t} reads value, flags and remaining TTL ({@code VA <len> f<flags> t<ttl>}, or
 * {@code EN} when absent); {@code ms <key> <len> F<flags> T<exptime>} writes it back with an absolute expiry
 * (a Unix time, as memcached reads any exptime over 30 days), or {@code md <key>} deletes it. Both writes are
 * idempotent. The cas value is not copied: every replica mints its own, and only the primary's is ever read.
 * Stateless.
 */
final class MemcachedKeyCopy implements KeyCopy {

    static final MemcachedKeyCopy INSTANCE = new MemcachedKeyCopy();

    private MemcachedKeyCopy() {
    }

    @Override
    public List<Request> read(ByteBuf key, ByteBufAllocator alloc) {
        return List.of(decode("mg " + key.toString(StandardCharsets.US_ASCII) + " v f t\r\n", null));
    }

    @Override
    public Request write(ByteBuf key, List<ByteBuf> replies, long nowMillis, ByteBufAllocator alloc) {
        if (replies.size() != 1) {
            return null;
        }
        ByteBuf reply = replies.get(0);
        String k = key.toString(StandardCharsets.US_ASCII);
        int lineEnd = reply.indexOf(reply.readerIndex(), reply.writerIndex(), (byte) '\r');
        if (lineEnd < 0) {
            return null;
        }
        String[] words = reply.toString(reply.readerIndex(), lineEnd - reply.readerIndex(), StandardCharsets.US_ASCII)
                .split(" ");
        if (words[0].equals("EN")) {
            return decode("md " + k + "\r\n", null);
        }
        if (!words[0].equals("VA") || words.length < 2) {
            return null;
        }
        int length = Integer.parseInt(words[1]);
        String flags = "0";
        long ttl = -1;
        for (int i = 2; i < words.length; i++) {
            if (words[i].startsWith("f")) {
                flags = words[i].substring(1);
            } else if (words[i].startsWith("t")) {
                ttl = Long.parseLong(words[i].substring(1));
            }
        }
        long exptime = ttl < 0 ? 0 : nowMillis / 1000 + Math.max(1, ttl);
        ByteBuf data = reply.slice(lineEnd + 2, length);
        return decode("ms " + k + " " + length + " F" + flags + " T" + exptime + "\r\n", data);
    }

    private static Request decode(String line, ByteBuf data) {
        byte[] head = line.getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = Unpooled.buffer(head.length + (data == null ? 0 : data.readableBytes() + 2)).writeBytes(head);
        if (data != null) {
            frame.writeBytes(data, data.readerIndex(), data.readableBytes()).writeByte('\r').writeByte('\n');
        }
        return MemcachedRequestDecoder.decodeComplete(frame);
    }
}
