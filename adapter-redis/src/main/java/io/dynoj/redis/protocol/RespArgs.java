package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Reads the arguments of a RESP multibulk request frame ({@code *N $len arg ...}) with
 * {@link RespScanner}: for the embedded engine, which needs them all, and for rewriting a write
 * ({@link RedisEffects}). Not thread-safe; one per frame.
 */
public final class RespArgs implements RespScanner.Visitor {

    private byte[][] args;
    private int next;

    private RespArgs() {
    }

    /**
     * All arguments, the command name first.
     *
     * @throws IllegalArgumentException if the frame is not one complete multibulk of bulk strings
     */
    public static byte[][] parse(ByteBuf frame) {
        RespArgs reader = new RespArgs();
        int length = new RespScanner(reader).scan(frame, frame.readerIndex(), frame.writerIndex());
        if (length < 0 || reader.args == null || reader.next != reader.args.length) {
            throw new IllegalArgumentException("not a complete multibulk request");
        }
        return reader.args;
    }

    @Override
    public void aggregate(RespType type, long count) {
        if (type != RespType.ARRAY || args != null || count < 0) {
            throw new IllegalArgumentException("a request holds one array of bulk strings");
        }
        args = new byte[(int) count][];
    }

    @Override
    public void bulk(RespType type, ByteBuf buf, int from, int length) {
        if (args == null || type != RespType.BULK_STRING || length < 0) {
            throw new IllegalArgumentException("a request holds one array of bulk strings");
        }
        byte[] arg = new byte[length];
        buf.getBytes(from, arg);
        args[next++] = arg;
    }

    @Override
    public void line(RespType type, ByteBuf buf, int from, int to) {
        throw new IllegalArgumentException("a request holds one array of bulk strings");
    }
}
