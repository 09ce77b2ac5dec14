package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Reads the values out of simple replies the node itself has to look into. */
public final class RespReplies {

    private RespReplies() {
    }

    /**
     * The strings of a bulk reply (one) or of an array of bulk strings, null bulks skipped; none for
     * any other reply. Does not move the reply's reader index.
     *
     * @throws io.netty.handler.codec.CorruptedFrameException if the reply is not one complete RESP value
     */
    public static List<byte[]> bulks(ByteBuf reply) {
        RespType type = RespType.of(reply);
        List<byte[]> out = new ArrayList<>();
        if (type != RespType.BULK_STRING && type != RespType.ARRAY) {
            return out;
        }
        RespScanner.Visitor strings = new RespScanner.Visitor() {
            @Override
            public void bulk(RespType t, ByteBuf buf, int from, int length) {
                if (t == RespType.BULK_STRING && length >= 0) {
                    byte[] value = new byte[length];
                    buf.getBytes(from, value);
                    out.add(value);
                }
            }
        };
        RespScanner.valueEnd(reply, reply.readerIndex(), strings);
        return out;
    }
}
