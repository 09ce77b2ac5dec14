package io.dynoj.memcached.datastore;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

/**
 * Takes the {@code noreply} token off a request frame. A server that honours {@code noreply} sends
 * nothing back (or, for some errors, something), which would leave a pipelined connection unable to
 * tell which reply answers which request; without the token the server always answers, and the node
 * drops that answer instead.
 */
final class NoreplyRewrite {

    private static final byte[] NOREPLY = {'n', 'o', 'r', 'e', 'p', 'l', 'y'};

    private NoreplyRewrite() {
    }

    /**
     * The frame with its command line's last token, {@code noreply}, removed (and the spaces before it):
     * two retained slices of {@code frame}, so no byte is copied; the data block of a storage command
     * follows unchanged. {@code null} if the command line does not end with {@code noreply} (memcached
     * only looks at the last token). {@code frame} stays owned by the caller.
     */
    static ByteBuf withoutNoreply(ByteBuf frame) {
        int start = frame.readerIndex();
        int lf = frame.indexOf(start, frame.writerIndex(), (byte) '\n');
        if (lf < 0) {
            return null;
        }
        int lineEnd = lf > start && frame.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int tokenEnd = lineEnd;
        while (tokenEnd > start && isBlank(frame.getByte(tokenEnd - 1))) {
            tokenEnd--;
        }
        int tokenStart = tokenEnd - NOREPLY.length;
        if (tokenStart <= start || !isBlank(frame.getByte(tokenStart - 1))) {
            return null;
        }
        for (int i = 0; i < NOREPLY.length; i++) {
            if (frame.getByte(tokenStart + i) != NOREPLY[i]) {
                return null;
            }
        }
        int cut = tokenStart;
        while (cut > start && isBlank(frame.getByte(cut - 1))) {
            cut--;
        }
        CompositeByteBuf rewritten = frame.alloc().compositeBuffer(2);
        rewritten.addComponents(true, frame.retainedSlice(start, cut - start),
                frame.retainedSlice(lineEnd, frame.writerIndex() - lineEnd));
        return rewritten;
    }

    /** memcached separates tokens with spaces only. */
    private static boolean isBlank(byte b) {
        return b == ' ';
    }
}
