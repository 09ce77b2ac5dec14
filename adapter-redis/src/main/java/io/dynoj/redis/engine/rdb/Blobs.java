package io.dynoj.redis.engine.rdb;

import java.nio.charset.StandardCharsets;

/** Reading the compact encodings' bytes (listpack, ziplist, intset, zipmap): bounds-checked. Stateless. */
final class Blobs {

    private Blobs() {
    }

    /** Unsigned 32-bit little endian at {@code at}. */
    static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /** The signed little-endian integer of {@code size} bytes at {@code at}. */
    static long signedLittleEndian(byte[] b, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        int shift = 64 - 8 * size;
        return (v << shift) >> shift;
    }

    /** {@code length} bytes at {@code from}, which must end by {@code end}; else {@code what} is corrupt. */
    static byte[] slice(byte[] b, int from, long length, int end, String what) {
        check(from + length, end, what);
        byte[] s = new byte[(int) length];
        System.arraycopy(b, from, s, 0, (int) length);
        return s;
    }

    static void check(long to, int end, String what) {
        if (to > end) {
            throw RdbFormatException.bad(what + " entry runs past its end");
        }
    }

    static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
