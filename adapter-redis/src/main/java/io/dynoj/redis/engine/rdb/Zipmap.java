package io.dynoj.redis.engine.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zipmap, the small-hash encoding of Redis before 2.6 (RDB_TYPE_HASH_ZIPMAP, still loaded by
 * Redis 7): {@code [count u8] (len field len free value [free bytes])... 0xFF}, where a length is one
 * byte below 254, or 254 and 4 bytes little endian. Returns fields and values alternately. Stateless.
 */
final class Zipmap {

    private Zipmap() {
    }

    static List<byte[]> entries(byte[] zm) {
        List<byte[]> out = new ArrayList<>();
        int[] p = {1};
        if (zm.length < 2) {
            throw RdbFormatException.bad("zipmap too short");
        }
        while (true) {
            long fieldLength = length(zm, p);
            if (fieldLength < 0) {
                break;
            }
            out.add(bytes(zm, p, fieldLength));
            long valueLength = length(zm, p);
            if (valueLength < 0) {
                throw RdbFormatException.bad("zipmap field without a value");
            }
            int free = u8(zm, p);
            out.add(bytes(zm, p, valueLength));
            p[0] += free;
        }
        if (p[0] != zm.length) {
            throw RdbFormatException.bad("zipmap has bytes after its end");
        }
        return out;
    }

    /** A length, or -1 at the end marker. */
    private static long length(byte[] zm, int[] p) {
        int b = u8(zm, p);
        if (b < 254) {
            return b;
        }
        if (b == 255) {
            return -1;
        }
        if (p[0] + 4 > zm.length) {
            throw RdbFormatException.bad("zipmap truncated");
        }
        long v = Blobs.u32(zm, p[0]);
        p[0] += 4;
        return v;
    }

    private static int u8(byte[] zm, int[] p) {
        if (p[0] >= zm.length) {
            throw RdbFormatException.bad("zipmap truncated");
        }
        return zm[p[0]++] & 0xff;
    }

    private static byte[] bytes(byte[] zm, int[] p, long length) {
        if (p[0] + length > zm.length) {
            throw RdbFormatException.bad("zipmap truncated");
        }
        byte[] b = new byte[(int) length];
        System.arraycopy(zm, p[0], b, 0, (int) length);
        p[0] += (int) length;
        return b;
    }
}
