package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A whole RESP2 reply read into Java values, for the few replies the node must look into deeply (the
 * entries a stream command delivered): bulk and simple strings become {@code byte[]}, integers
 * {@link Long}, nil bulks and nil arrays {@code null}, arrays {@link List}s, errors {@link Error}.
 * Reads what the datastore answered, which is trusted to be one complete reply; anything else is a
 * {@link CorruptedFrameException}. Does not move the buffer's indexes. Stateless.
 */
final class ReplyTree {

    /** An error reply, {@code text} without its leading {@code -}. */
    record Error(String text) {
    }

    private ReplyTree() {
    }

    static Object of(ByteBuf reply) {
        Reader r = new Reader(reply);
        return r.value();
    }

    /** Element {@code i} of an array value, or {@code null} when {@code value} is no such array. */
    static Object item(Object value, int i) {
        return value instanceof List<?> list && i < list.size() ? list.get(i) : null;
    }

    /** {@code value} as a list ({@code null} and non-arrays give an empty one). */
    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : Collections.emptyList();
    }

    private static final class Reader {
        private final ByteBuf buf;
        private int p;

        Reader(ByteBuf buf) {
            this.buf = buf;
            this.p = buf.readerIndex();
        }

        Object value() {
            if (p >= buf.writerIndex()) {
                throw new CorruptedFrameException("reply ends early");
            }
            byte marker = buf.getByte(p);
            int cr = buf.indexOf(p + 1, buf.writerIndex(), (byte) '\r');
            if (cr < 0) {
                throw new CorruptedFrameException("reply line without CRLF");
            }
            int lineStart = p + 1;
            p = cr + 2;
            switch (marker) {
                case '+':
                    return bytes(lineStart, cr - lineStart);
                case '-':
                    return new Error(buf.toString(lineStart, cr - lineStart, java.nio.charset.StandardCharsets.UTF_8));
                case ':':
                    return number(lineStart, cr);
                case '$': {
                    long length = number(lineStart, cr);
                    if (length < 0) {
                        return null;
                    }
                    byte[] value = bytes(p, (int) length);
                    p += (int) length + 2;
                    return value;
                }
                case '*': {
                    long count = number(lineStart, cr);
                    if (count < 0) {
                        return null;
                    }
                    List<Object> items = new ArrayList<>((int) Math.min(count, 1024));
                    for (long i = 0; i < count; i++) {
                        items.add(value());
                    }
                    return items;
                }
                default:
                    throw new CorruptedFrameException("not a RESP2 reply: '" + (char) marker + "'");
            }
        }

        private long number(int from, int to) {
            long n = RespScanner.number(buf, from, to);
            if (n == Long.MIN_VALUE) {
                throw new CorruptedFrameException("bad number in reply");
            }
            return n;
        }

        private byte[] bytes(int from, int length) {
            if (from + length > buf.writerIndex()) {
                throw new CorruptedFrameException("reply ends early");
            }
            byte[] out = new byte[length];
            buf.getBytes(from, out);
            return out;
        }
    }
}
