package io.dynoj.redis.engine.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a listpack, the compact encoding Redis 7 uses for small hashes and sorted sets and for the
 * nodes of a list: {@code [total bytes u32][count u16] entries... 0xFF}, each entry an encoding byte
 * (a 7-bit integer, a 6/12/32-bit string length, or a 13/16/24/32/64-bit integer), its data, and
 * its length again backwards (1 to 5 bytes). Integers are returned as their decimal text, as Redis
 * returns them to clients. Validated as Redis's deep sanitization would: sizes, the end byte, the
 * count. Stateless.
 */
final class Listpack {

    private static final int HEADER = 6;

    private Listpack() {
    }

    static List<byte[]> entries(byte[] lp) {
        if (lp.length < HEADER + 1 || Blobs.u32(lp, 0) != lp.length || (lp[lp.length - 1] & 0xff) != 0xFF) {
            throw RdbFormatException.bad("listpack header does not match its size");
        }
        int declared = (lp[4] & 0xff) | (lp[5] & 0xff) << 8;
        List<byte[]> out = new ArrayList<>(Math.min(declared, lp.length));
        int p = HEADER;
        int end = lp.length - 1;
        while (p < end) {
            int start = p;
            int b = lp[p] & 0xff;
            byte[] value;
            if ((b & 0x80) == 0) {
                value = decimal(b);
                p += 1;
            } else if ((b & 0xC0) == 0x80) {
                value = string(lp, p + 1, b & 0x3F, end);
                p += 1 + value.length;
            } else if ((b & 0xE0) == 0xC0) {
                check(p + 2, end);
                int v = ((b & 0x1F) << 8) | (lp[p + 1] & 0xff);
                value = decimal(v >= 1 << 12 ? v - (1 << 13) : v);
                p += 2;
            } else if ((b & 0xF0) == 0xE0) {
                check(p + 2, end);
                value = string(lp, p + 2, ((b & 0x0F) << 8) | (lp[p + 1] & 0xff), end);
                p += 2 + value.length;
            } else {
                p = special(lp, p, b, end, out);
                value = null;
            }
            if (value != null) {
                out.add(value);
            }
            p = skipBacklen(lp, p, p - start, end);
        }
        if (declared != 0xFFFF && declared != out.size()) {
            throw RdbFormatException.bad("listpack declares " + declared + " entries, holds " + out.size());
        }
        return out;
    }

    /** The encodings starting with 0xF: 32-bit string length, 16/24/32/64-bit integers; returns the data's end. */
    private static int special(byte[] lp, int p, int b, int end, List<byte[]> out) {
        int size = switch (b) {
            case 0xF0 -> 4;
            case 0xF1 -> 2;
            case 0xF2 -> 3;
            case 0xF3 -> 4;
            case 0xF4 -> 8;
            default -> throw RdbFormatException.bad("unknown listpack encoding " + b);
        };
        check(p + 1 + size, end);
        if (b == 0xF0) {
            byte[] s = string(lp, p + 5, Blobs.u32(lp, p + 1), end);
            out.add(s);
            return p + 5 + s.length;
        }
        out.add(decimal(Blobs.signedLittleEndian(lp, p + 1, size)));
        return p + 1 + size;
    }

    private static int skipBacklen(byte[] lp, int p, int entryLength, int end) {
        int n = entryLength <= 127 ? 1 : entryLength < 16383 ? 2 : entryLength < 2097151 ? 3
                : entryLength < 268435455 ? 4 : 5;
        check(p + n, end);
        return p + n;
    }

    private static byte[] string(byte[] lp, int from, long length, int end) {
        return Blobs.slice(lp, from, length, end, "listpack");
    }

    private static void check(long to, int end) {
        Blobs.check(to, end, "listpack");
    }

    private static byte[] decimal(long v) {
        return Blobs.decimal(v);
    }
}
