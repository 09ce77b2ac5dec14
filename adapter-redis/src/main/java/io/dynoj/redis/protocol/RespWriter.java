package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds RESP2 replies the node writes itself. */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private RespWriter() {
    }

    /** {@code -ERR message}; line breaks in the message become spaces. */
    public static ByteBuf error(ByteBufAllocator alloc, String message) {
        return errorWithCode(alloc, "ERR", message);
    }

    /** {@code -CODE message}, for Redis's other error codes ({@code NOPROTO}, {@code WRONGTYPE}...). */
    public static ByteBuf errorWithCode(ByteBufAllocator alloc, String code, String message) {
        return errorLine(alloc, code + " " + message);
    }

    /** {@code -line}, the line carrying its own code ({@code "WRONGTYPE Operation..."}). */
    public static ByteBuf errorLine(ByteBufAllocator alloc, String text) {
        String line = text.replace('\r', ' ').replace('\n', ' ');
        ByteBuf buf = alloc.buffer(line.length() + 3);
        buf.writeByte('-');
        ByteBufUtil.writeUtf8(buf, line);
        return buf.writeBytes(CRLF);
    }

    public static ByteBuf simple(ByteBufAllocator alloc, String text) {
        ByteBuf buf = alloc.buffer(text.length() + 3);
        buf.writeByte('+');
        buf.writeCharSequence(text, StandardCharsets.US_ASCII);
        return buf.writeBytes(CRLF);
    }

    public static ByteBuf integer(ByteBufAllocator alloc, long value) {
        ByteBuf buf = alloc.buffer(24);
        buf.writeByte(':');
        buf.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
        return buf.writeBytes(CRLF);
    }

    public static ByteBuf nullBulk(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeBytes(new byte[] {'$', '-', '1', '\r', '\n'});
    }

    public static ByteBuf bulk(ByteBufAllocator alloc, ByteBuf content) {
        ByteBuf buf = alloc.buffer(content.readableBytes() + 16);
        writeBulk(buf, content);
        return buf;
    }

    /**
     * An array whose items are bulk strings ({@code byte[]}, or any other object by its UTF-8
     * {@code toString}), null bulks ({@code null}), integers ({@code Long}, {@code Integer}) or
     * nested arrays ({@code List}).
     */
    public static ByteBuf array(ByteBufAllocator alloc, List<?> items) {
        ByteBuf buf = alloc.buffer();
        writeHeader(buf, '*', items.size());
        for (Object item : items) {
            writeItem(buf, item);
        }
        return buf;
    }

    private static void writeItem(ByteBuf buf, Object item) {
        if (item == null) {
            buf.writeBytes(new byte[] {'$', '-', '1', '\r', '\n'});
        } else if (item instanceof Long || item instanceof Integer) {
            buf.writeByte(':');
            buf.writeCharSequence(item.toString(), StandardCharsets.US_ASCII);
            buf.writeBytes(CRLF);
        } else if (item instanceof List<?> list) {
            writeHeader(buf, '*', list.size());
            list.forEach(i -> writeItem(buf, i));
        } else if (item instanceof byte[] bytes) {
            writeHeader(buf, '$', bytes.length);
            buf.writeBytes(bytes).writeBytes(CRLF);
        } else {
            byte[] bytes = item.toString().getBytes(StandardCharsets.UTF_8);
            writeHeader(buf, '$', bytes.length);
            buf.writeBytes(bytes).writeBytes(CRLF);
        }
    }

    private static void writeBulk(ByteBuf buf, ByteBuf content) {
        writeHeader(buf, '$', content.readableBytes());
        buf.writeBytes(content, content.readerIndex(), content.readableBytes());
        buf.writeBytes(CRLF);
    }

    private static void writeHeader(ByteBuf buf, char type, int count) {
        buf.writeByte(type);
        buf.writeCharSequence(Integer.toString(count), StandardCharsets.US_ASCII);
        buf.writeBytes(CRLF);
    }

    /** A multibulk request frame for {@code args}, as a client would send it. */
    public static ByteBuf command(ByteBufAllocator alloc, List<byte[]> args) {
        int size = 16;
        for (byte[] a : args) {
            size += a.length + 16;
        }
        ByteBuf buf = alloc.buffer(size);
        writeHeader(buf, '*', args.size());
        for (byte[] a : args) {
            writeHeader(buf, '$', a.length);
            buf.writeBytes(a).writeBytes(CRLF);
        }
        return buf;
    }
}
