package io.dynoj.redis.engine;

import io.dynoj.redis.protocol.RespScanner;
import io.dynoj.redis.protocol.RespType;
import io.netty.buffer.ByteBuf;

/** Reads the arguments of a RESP multibulk request frame ({@code *N $len arg ...}). */
final class RespArgs implements RespScanner.Visitor {

    private byte[][] args;
    private int next;

    private RespArgs() {
    }

    /** All arguments, the command name first. The frame is one complete, valid multibulk. */
    static byte[][] parse(ByteBuf frame) {
        RespArgs reader = new RespArgs();
        if (new RespScanner(reader).scan(frame, frame.readerIndex(), frame.writerIndex()) < 0 || reader.args == null) {
            throw new IllegalArgumentException("not a complete multibulk request");
        }
        return reader.args;
    }

    @Override
    public void aggregate(RespType type, long count) {
        args = new byte[(int) count][];
    }

    @Override
    public void bulk(RespType type, ByteBuf buf, int from, int length) {
        byte[] arg = new byte[length];
        buf.getBytes(from, arg);
        args[next++] = arg;
    }
}
