package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/** Reads the arguments of a RESP multibulk request frame ({@code *N $len arg ...}). */
final class RespArgs {

    private RespArgs() {
    }

    /** All arguments, the command name first. The frame is one complete, valid multibulk. */
    static byte[][] parse(ByteBuf frame) {
        int i = frame.readerIndex();
        int[] pos = {i + 1};
        int n = (int) number(frame, pos);
        byte[][] args = new byte[n][];
        for (int a = 0; a < n; a++) {
            pos[0]++; // '$'
            int len = (int) number(frame, pos);
            args[a] = new byte[len];
            frame.getBytes(pos[0], args[a]);
            pos[0] += len + 2;
        }
        return args;
    }

    private static long number(ByteBuf frame, int[] pos) {
        long v = 0;
        int p = pos[0];
        byte b;
        while ((b = frame.getByte(p++)) != '\r') {
            v = v * 10 + (b - '0');
        }
        pos[0] = p + 1;
        return v;
    }
}
