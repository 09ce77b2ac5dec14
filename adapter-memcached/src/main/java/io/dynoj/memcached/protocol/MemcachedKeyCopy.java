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
 * On the embedded engine the copy also carries the key's write time ({@link #writeTimeRead}: {@code me <key> w}),
 * so the target keeps a newer write. Stateless.
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

    /**
     * {@code me <key> w}: the embedded engine answers its meta debug line with {@code wt=<write time>} (and
     * {@code EN wt=<t>} for a deleted key); a memcached server ignores the {@code w} and answers without it.
     */
    @Override
    public Request writeTimeRead(ByteBuf key, ByteBufAllocator alloc) {
        return decode("me " + key.toString(StandardCharsets.US_ASCII) + " w\r\n", null);
    }

    /** The {@code wt=} of an {@code ME} or {@code EN} line; 0 without one (a memcached server); -1 for an error. */
    @Override
    public long writeTimeOf(ByteBuf reply) {
        int lineEnd = reply.indexOf(reply.readerIndex(), reply.writerIndex(), (byte) '\r');
        if (lineEnd < 0) {
            return -1;
        }
        String[] words = reply.toString(reply.readerIndex(), lineEnd - reply.readerIndex(), StandardCharsets.US_ASCII)
                .split(" ");
        if (!words[0].equals("ME") && !words[0].equals("EN")) {
            return -1;
        }
        // After the key of an ME line: a key may itself read "wt=...".
        for (int i = words[0].equals("ME") ? 2 : 1; i < words.length; i++) {
            if (words[i].startsWith("wt=")) {
                try {
                    return Long.parseLong(words[i].substring(3));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return 0;
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
