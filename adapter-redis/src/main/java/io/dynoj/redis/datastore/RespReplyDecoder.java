package io.dynoj.redis.datastore;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * Splits a datastore's byte stream into whole RESP replies (RESP2, and RESP3 types should a backend
 * send them), each a retained slice of what arrived: replies go to clients byte for byte. Nested
 * arrays are followed with a count of elements still owed, not recursion. Stateful: one per connection.
 */
final class RespReplyDecoder extends ByteToMessageDecoder {

    private int owed;
    private int scan;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (!scanReply(in)) {
                return;
            }
            out.add(in.readRetainedSlice(scan));
            owed = 0;
            scan = 0;
        }
    }

    /** Advances over the current reply; true when it is complete ({@code scan} is then its length). */
    private boolean scanReply(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        if (owed == 0) {
            owed = 1;
        }
        while (owed > 0) {
            int pos = start + scan;
            if (pos >= end) {
                return false;
            }
            int cr = in.indexOf(pos + 1, end, (byte) '\r');
            if (cr < 0 || cr + 1 >= end) {
                return false;
            }
            byte type = in.getByte(pos);
            int next = cr + 2;
            switch (type) {
                case '+', '-', ':', '_', ',', '#', '(' -> owed--;
                case '$', '=', '!' -> {
                    long length = number(in, pos + 1, cr);
                    if (length >= 0) {
                        long bodyEnd = (long) next + length + 2;
                        if (bodyEnd > end) {
                            return false;
                        }
                        next = (int) bodyEnd;
                    }
                    owed--;
                }
                case '*', '~', '>', '%', '|' -> {
                    long count = number(in, pos + 1, cr);
                    owed--;
                    if (count > 0) {
                        owed += (int) (type == '%' || type == '|' ? 2 * count : count);
                    }
                }
                default -> {
                    // Nothing after this can be trusted: drop it, the connection is closed and reopened.
                    in.skipBytes(in.readableBytes());
                    throw new DecoderException("datastore sent a byte that starts no RESP reply: 0x"
                            + Integer.toHexString(type & 0xff));
                }
            }
            scan = next - start;
        }
        return true;
    }

    private static long number(ByteBuf in, int from, int to) {
        boolean negative = from < to && in.getByte(from) == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                throw new DecoderException("datastore sent a malformed length");
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }
}
