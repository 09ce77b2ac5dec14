package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Writing memcached replies: lines, numbers, CRLF. */
final class Replies {

    static final String STORED = "STORED";
    static final String NOT_STORED = "NOT_STORED";
    static final String EXISTS = "EXISTS";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String NON_NUMERIC = "CLIENT_ERROR cannot increment or decrement non-numeric value";
    static final String OPAQUE_TOO_LONG = "CLIENT_ERROR opaque token too long";
    /** memcached's MFLAG_MAX_OPAQUE_LENGTH. */
    static final int MAX_OPAQUE = 32;

    private Replies() {
    }

    /** {@code text} and CRLF. */
    static ByteBuf line(ByteBufAllocator alloc, String text) {
        ByteBuf out = alloc.buffer(text.length() + 2);
        ascii(out, text);
        return crlf(out);
    }

    /** Nothing: a quiet meta command's suppressed answer. */
    static ByteBuf none() {
        return Unpooled.EMPTY_BUFFER;
    }

    static ByteBuf ascii(ByteBuf out, CharSequence text) {
        out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        return out;
    }

    static ByteBuf unsigned(ByteBuf out, long value) {
        return ascii(out, Long.toUnsignedString(value));
    }

    static ByteBuf crlf(ByteBuf out) {
        return out.writeShort(0x0d0a);
    }

    /** A space and a one-letter meta flag, as memcached's META_CHAR. */
    static ByteBuf flag(ByteBuf out, char flag) {
        out.writeByte(' ');
        return out.writeByte(flag);
    }
}
