package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** RESP arrays of byte arrays, numbers and nested arrays; error lines. */
final class RespArrays {

    private static final byte[] CRLF = {'\r', '\n'};

    private RespArrays() {
    }

    static ByteBuf write(ByteBufAllocator alloc, List<?> items) {
        ByteBuf buf = alloc.buffer(16 + items.size() * 16);
        writeItem(buf, items);
        return buf;
    }

    /** {@code -message}; the message carries its code ({@code ERR ...}, {@code WRONGTYPE ...}). */
    static ByteBuf error(ByteBufAllocator alloc, String message) {
        String line = message.replace('\r', ' ').replace('\n', ' ');
        ByteBuf buf = alloc.buffer(line.length() + 3);
        buf.writeByte('-');
        buf.writeCharSequence(line, StandardCharsets.UTF_8);
        return buf.writeBytes(CRLF);
    }

    private static void writeItem(ByteBuf buf, Object item) {
        if (item == null) {
            buf.writeBytes(new byte[] {'$', '-', '1', '\r', '\n'});
        } else if (item instanceof byte[] bytes) {
            header(buf, '$', bytes.length);
            buf.writeBytes(bytes).writeBytes(CRLF);
        } else if (item instanceof Bytes b) {
            writeItem(buf, b.bytes());
        } else if (item instanceof Long || item instanceof Integer) {
            buf.writeByte(':');
            buf.writeCharSequence(item.toString(), StandardCharsets.US_ASCII);
            buf.writeBytes(CRLF);
        } else if (item instanceof List<?> list) {
            header(buf, '*', list.size());
            for (Object o : list) {
                writeItem(buf, o);
            }
        } else {
            writeItem(buf, item.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void header(ByteBuf buf, char type, int n) {
        buf.writeByte(type);
        buf.writeCharSequence(Integer.toString(n), StandardCharsets.US_ASCII);
        buf.writeBytes(CRLF);
    }
}
