package io.dynoj.memcached.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Splitting a multi-key get/gets/gat/gats whose keys live on different nodes into one get per node,
 * and merging the parts' replies into the one memcached itself would give: the {@code VALUE} blocks in
 * the client's key order (misses are simply absent; a key asked twice is answered twice), then one
 * {@code END}. A part that answered an error line makes that line the answer.
 *
 * <p>A miss has no line of its own, so a part's hits are placed in the client's order by matching
 * each {@code VALUE} line's key against the original request's keys of that part, in order.
 */
final class MemcachedMultiGet {

    private static final byte[] END = {'E', 'N', 'D', '\r', '\n'};
    private static final byte[] VALUE = {'V', 'A', 'L', 'U', 'E', ' '};

    private MemcachedMultiGet() {
    }

    static boolean isSplittable(MemcachedRequest request) {
        MemcachedCommand c = request.commandType();
        return request.keyCount() > 1 && (c == MemcachedCommand.GET || c == MemcachedCommand.GETS
                || c == MemcachedCommand.GAT || c == MemcachedCommand.GATS);
    }

    /** The same command (and exptime, for gat/gats) over the keys at {@code keyIndexes}. */
    static MemcachedRequest split(MemcachedRequest request, int[] keyIndexes, ByteBufAllocator alloc) {
        MemcachedCommand command = request.commandType();
        ByteBuf frame = alloc.buffer(16 + keyIndexes.length * 16);
        frame.writeCharSequence(command.wireName(), StandardCharsets.US_ASCII);
        if (command == MemcachedCommand.GAT || command == MemcachedCommand.GATS) {
            frame.writeByte(' ').writeBytes(exptime(request.frame()));
        }
        for (int index : keyIndexes) {
            ByteBuf key = request.key(index);
            frame.writeByte(' ').writeBytes(key, key.readerIndex(), key.readableBytes());
        }
        frame.writeShort(0x0d0a);
        return MemcachedRequestDecoder.decodeComplete(frame);
    }

    /** The second word of the command line: gat's exptime, as the client wrote it. */
    private static ByteBuf exptime(ByteBuf frame) {
        int i = frame.readerIndex();
        int end = frame.writerIndex();
        while (frame.getByte(i) == ' ') {
            i++;
        }
        i = frame.indexOf(i, end, (byte) ' ');
        while (frame.getByte(i) == ' ') {
            i++;
        }
        int to = i;
        while (to < end && frame.getByte(to) != ' ') {
            to++;
        }
        return frame.slice(i, to - i);
    }

    /** The merged reply; takes ownership of the parts. A part that is an error line is the answer. */
    static ByteBuf merge(MemcachedRequest original, int[][] keyIndexes, ByteBuf[] parts, ByteBufAllocator alloc) {
        int keyCount = original.keyCount();
        for (int p = 0; p < parts.length; p++) {
            ByteBuf reply = parts[p];
            if (reply.isReadable() && !startsWith(reply, reply.readerIndex(), VALUE)
                    && !startsWith(reply, reply.readerIndex(), END)) {
                // ERROR, CLIENT_ERROR ..., SERVER_ERROR ...
                ByteBuf error = parts[p];
                parts[p] = null;
                releaseAll(parts);
                return error;
            }
        }
        try {
            int[] from = new int[keyCount];
            int[] length = new int[keyCount];
            int[] part = new int[keyCount];
            int size = END.length;
            for (int p = 0; p < parts.length; p++) {
                size += place(parts[p], p, keyIndexes[p], original, from, length, part);
                if (size < 0) {
                    return MemcachedLocalCommands.line(alloc, "SERVER_ERROR the datastore sent a malformed reply");
                }
            }
            ByteBuf out = alloc.buffer(size);
            for (int k = 0; k < keyCount; k++) {
                if (length[k] > 0) {
                    out.writeBytes(parts[part[k]], from[k], length[k]);
                }
            }
            return out.writeBytes(END);
        } finally {
            releaseAll(parts);
        }
    }

    /**
     * Finds the VALUE blocks of one part's reply and records each against the key position it
     * answers. Returns their total size, or a negative number when the reply is not VALUE blocks
     * then END.
     */
    private static int place(ByteBuf reply, int p, int[] indexes, MemcachedRequest original, int[] from,
                             int[] length, int[] part) {
        int pos = reply.readerIndex();
        int end = reply.writerIndex();
        int next = 0;
        int size = 0;
        while (startsWith(reply, pos, VALUE)) {
            int cr = reply.indexOf(pos, end, (byte) '\r');
            if (cr < 0) {
                return Integer.MIN_VALUE;
            }
            // VALUE <key> <flags> <bytes> [<cas>]
            int keyStart = pos + VALUE.length;
            int keyEnd = reply.indexOf(keyStart, cr, (byte) ' ');
            int flagsEnd = keyEnd < 0 ? -1 : reply.indexOf(keyEnd + 1, cr, (byte) ' ');
            if (flagsEnd < 0) {
                return Integer.MIN_VALUE;
            }
            int bytesEnd = reply.indexOf(flagsEnd + 1, cr, (byte) ' ');
            long bytes = NumberField.UINT32.parse(reply, flagsEnd + 1, bytesEnd < 0 ? cr : bytesEnd);
            long blockEnd = (long) cr + 2 + bytes + 2;
            if (bytes < 0 || blockEnd > end) {
                return Integer.MIN_VALUE;
            }
            int slot = slot(reply, keyStart, keyEnd, indexes, original, next);
            if (slot < 0) {
                return Integer.MIN_VALUE;
            }
            next = slot + 1;
            int k = indexes[slot];
            from[k] = pos;
            length[k] = (int) blockEnd - pos;
            part[k] = p;
            size += length[k];
            pos = (int) blockEnd;
        }
        return startsWith(reply, pos, END) ? size : Integer.MIN_VALUE;
    }

    /** The position in {@code indexes}, from {@code next} on, of the key [keyStart, keyEnd); -1 if none. */
    private static int slot(ByteBuf reply, int keyStart, int keyEnd, int[] indexes, MemcachedRequest original,
                            int next) {
        for (int s = next; s < indexes.length; s++) {
            ByteBuf key = original.key(indexes[s]);
            if (keyEnd - keyStart == key.readableBytes()
                    && ByteBufUtil.equals(reply, keyStart, key, key.readerIndex(), key.readableBytes())) {
                return s;
            }
        }
        return -1;
    }

    private static boolean startsWith(ByteBuf buf, int from, byte[] prefix) {
        if (buf.writerIndex() - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.getByte(from + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void releaseAll(ByteBuf[] parts) {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != null) {
                parts[i].release();
                parts[i] = null;
            }
        }
    }
}
