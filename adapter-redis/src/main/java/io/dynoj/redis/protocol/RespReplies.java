package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Reads the values out of simple replies the node itself has to look into. */
final class RespReplies {

    private RespReplies() {
    }

    /**
     * The strings of a bulk reply (one) or of an array of bulk strings; none for a null bulk, a null or
     * empty array, or any other reply. Does not move the reply's reader index.
     */
    static List<byte[]> bulks(ByteBuf reply) {
        int p = reply.readerIndex();
        byte marker = reply.getByte(p);
        List<byte[]> out = new ArrayList<>();
        if (marker == '$') {
            readBulk(reply, p, out);
        } else if (marker == '*') {
            int cr = reply.indexOf(p, reply.writerIndex(), (byte) '\r');
            long n = RespRequestDecoder.parseNumber(reply, p + 1, cr);
            p = cr + 2;
            for (long i = 0; i < n && p > 0 && reply.getByte(p) == '$'; i++) {
                p = readBulk(reply, p, out);
            }
        }
        return out;
    }

    /** Reads the bulk string at {@code p} (nothing for a null bulk); returns where the next item starts. */
    private static int readBulk(ByteBuf reply, int p, List<byte[]> out) {
        int cr = reply.indexOf(p, reply.writerIndex(), (byte) '\r');
        long length = RespRequestDecoder.parseNumber(reply, p + 1, cr);
        if (length < 0) {
            return cr + 2;
        }
        byte[] value = new byte[(int) length];
        reply.getBytes(cr + 2, value);
        out.add(value);
        return cr + 2 + (int) length + 2;
    }
}
