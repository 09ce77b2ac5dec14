package io.dynoj.redis.engine.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ziplist, the compact encoding of Redis before 7 (small lists, hashes and sorted sets, and
 * the nodes of 3.2-6.2 quicklists): {@code [total bytes u32][tail offset u32][count u16] entries...
 * 0xFF}; each entry is the previous entry's length (1 byte, or 0xFE and 4 bytes), an encoding
 * (a 6/14/32-bit string length, the last two big endian, or an 8/16/24/32/64-bit or 4-bit
 * immediate integer) and its data. Integers come back as their decimal text. Stateless.
 */
final class Ziplist {

    private static final int HEADER = 10;

    private Ziplist() {
    }

    static List<byte[]> entries(byte[] zl) {
        if (zl.length < HEADER + 1 || Blobs.u32(zl, 0) != zl.length || (zl[zl.length - 1] & 0xff) != 0xFF) {
            throw RdbFormatException.bad("ziplist header does not match its size");
        }
        int declared = (zl[8] & 0xff) | (zl[9] & 0xff) << 8;
        List<byte[]> out = new ArrayList<>(Math.min(declared, zl.length));
        int p = HEADER;
        int end = zl.length - 1;
        while (p < end) {
            int prev = zl[p] & 0xff;
            p += prev < 0xFE ? 1 : prev == 0xFE ? 5 : fail("bad previous-entry length");
            check(p + 1, end);
            int b = zl[p] & 0xff;
            switch (b >>> 6) {
                case 0 -> p = string(zl, p + 1, b & 0x3F, end, out);
                case 1 -> {
                    check(p + 2, end);
                    p = string(zl, p + 2, ((b & 0x3F) << 8) | (zl[p + 1] & 0xff), end, out);
                }
                case 2 -> {
                    check(p + 5, end);
                    long len = (zl[p + 1] & 0xffL) << 24 | (zl[p + 2] & 0xffL) << 16 | (zl[p + 3] & 0xffL) << 8 | (zl[p + 4] & 0xffL);
                    p = string(zl, p + 5, len, end, out);
                }
                default -> p = integer(zl, p, b, end, out);
            }
        }
        if (declared != 0xFFFF && declared != out.size()) {
            throw RdbFormatException.bad("ziplist declares " + declared + " entries, holds " + out.size());
        }
        return out;
    }

    private static int integer(byte[] zl, int p, int b, int end, List<byte[]> out) {
        if (b >= 0xF1 && b <= 0xFD) {
            out.add(Blobs.decimal((b & 0x0F) - 1));
            return p + 1;
        }
        int size = switch (b) {
            case 0xFE -> 1;
            case 0xC0 -> 2;
            case 0xF0 -> 3;
            case 0xD0 -> 4;
            case 0xE0 -> 8;
            default -> fail("unknown ziplist encoding " + b);
        };
        check(p + 1 + size, end);
        out.add(Blobs.decimal(Blobs.signedLittleEndian(zl, p + 1, size)));
        return p + 1 + size;
    }

    private static int string(byte[] zl, int from, long length, int end, List<byte[]> out) {
        out.add(Blobs.slice(zl, from, length, end, "ziplist"));
        return from + (int) length;
    }

    private static void check(long to, int end) {
        Blobs.check(to, end, "ziplist");
    }

    private static int fail(String why) {
        throw RdbFormatException.bad(why);
    }
}
