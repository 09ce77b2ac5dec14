package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds RESP2 replies the node writes itself. Replies that are always the same bytes come from
 * {@link FixedReplies}: read-only, and {@code release()} on them is a no-op, so callers must not
 * write to a reply they got here (a reply is only ever read, copied or written to a channel).
 * Stateless; any thread.
 */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = {'$', '-', '1', '\r', '\n'};

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
        buf.writeByte(RespType.ERROR.marker());
        ByteBufUtil.writeUtf8(buf, line);
        return buf.writeBytes(CRLF);
    }

    public static ByteBuf simple(ByteBufAllocator alloc, String text) {
        ByteBuf fixed = FixedReplies.simple(text);
        if (fixed != null) {
            return fixed;
        }
        ByteBuf buf = alloc.buffer(text.length() + 3);
        buf.writeByte(RespType.SIMPLE_STRING.marker());
        buf.writeCharSequence(text, StandardCharsets.US_ASCII);
        return buf.writeBytes(CRLF);
    }

    public static ByteBuf integer(ByteBufAllocator alloc, long value) {
        ByteBuf fixed = FixedReplies.integer(value);
        if (fixed != null) {
            return fixed;
        }
        ByteBuf buf = alloc.buffer(24);
        writeHeader(buf, RespType.INTEGER, value);
        return buf;
    }

    public static ByteBuf nullBulk(ByteBufAllocator alloc) {
        return FixedReplies.nullBulk();
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
        if (items.isEmpty()) {
            return FixedReplies.emptyArray();
        }
        ByteBuf buf = alloc.buffer();
        writeHeader(buf, RespType.ARRAY, items.size());
        for (Object item : items) {
            writeItem(buf, item);
        }
        return buf;
    }

    private static void writeItem(ByteBuf buf, Object item) {
        if (item == null) {
            buf.writeBytes(NULL_BULK);
        } else if (item instanceof Long || item instanceof Integer) {
            writeHeader(buf, RespType.INTEGER, ((Number) item).longValue());
        } else if (item instanceof List<?> list) {
            writeHeader(buf, RespType.ARRAY, list.size());
            list.forEach(i -> writeItem(buf, i));
        } else if (item instanceof byte[] bytes) {
            writeHeader(buf, RespType.BULK_STRING, bytes.length);
            buf.writeBytes(bytes).writeBytes(CRLF);
        } else {
            byte[] bytes = item.toString().getBytes(StandardCharsets.UTF_8);
            writeHeader(buf, RespType.BULK_STRING, bytes.length);
            buf.writeBytes(bytes).writeBytes(CRLF);
        }
    }

    private static void writeBulk(ByteBuf buf, ByteBuf content) {
        writeHeader(buf, RespType.BULK_STRING, content.readableBytes());
        buf.writeBytes(content, content.readerIndex(), content.readableBytes());
        buf.writeBytes(CRLF);
    }

    /** {@code type}'s marker, {@code n} (a length, a count or an integer) and CRLF. */
    static void writeHeader(ByteBuf buf, RespType type, long n) {
        buf.writeByte(type.marker());
        buf.writeCharSequence(Long.toString(n), StandardCharsets.US_ASCII);
        buf.writeBytes(CRLF);
    }

    /** A multibulk request frame for {@code args}, as a client would send it. */
    public static ByteBuf command(ByteBufAllocator alloc, List<byte[]> args) {
        int size = 16;
        for (byte[] a : args) {
            size += a.length + 16;
        }
        ByteBuf buf = alloc.buffer(size);
        writeHeader(buf, RespType.ARRAY, args.size());
        for (byte[] a : args) {
            writeHeader(buf, RespType.BULK_STRING, a.length);
            buf.writeBytes(a).writeBytes(CRLF);
        }
        return buf;
    }
}
