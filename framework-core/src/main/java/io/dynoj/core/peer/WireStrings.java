package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/** The peer protocol's strings in payloads: a u16 length, then that many bytes of UTF-8. Stateless. */
public final class WireStrings {

    private WireStrings() {
    }

    /** Appends {@code s}; throws {@link IllegalArgumentException} (naming {@code what}) when over {@code max} bytes. */
    public static void write(ByteBuf out, String s, int max, String what) {
        int lengthAt = out.writerIndex();
        out.writeShort(0);
        int length = ByteBufUtil.writeUtf8(out, s);
        if (length > max) {
            throw new IllegalArgumentException(what + " string of " + length + " bytes is over " + max);
        }
        out.setShort(lengthAt, length);
    }

    /** Reads one string; throws {@link IllegalArgumentException} ("malformed {@code what}") when over {@code max}. */
    public static String read(ByteBuf in, int max, String what) {
        int length = in.readUnsignedShort();
        if (length > max) {
            throw new IllegalArgumentException("malformed " + what + ": a string of " + length + " bytes");
        }
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }
}
