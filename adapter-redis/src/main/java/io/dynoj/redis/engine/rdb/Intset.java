package io.dynoj.redis.engine.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an intset, Redis's encoding of small sets of integers: {@code [width u32: 2, 4 or 8]
 * [count u32]} then the integers, little endian, strictly ascending (a duplicate or an unsorted
 * intset is corrupt). Members come back as their decimal text, in ascending order. Stateless.
 */
final class Intset {

    private static final int HEADER = 8;

    private Intset() {
    }

    static List<byte[]> members(byte[] is) {
        if (is.length < HEADER) {
            throw RdbFormatException.bad("intset shorter than its header");
        }
        long width = Blobs.u32(is, 0);
        long count = Blobs.u32(is, 4);
        if ((width != 2 && width != 4 && width != 8) || HEADER + count * width != is.length) {
            throw RdbFormatException.bad("intset header does not match its size");
        }
        int w = (int) width;
        List<byte[]> out = new ArrayList<>((int) count);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long v = Blobs.signedLittleEndian(is, HEADER + i * w, w);
            if (i > 0 && v <= previous) {
                throw RdbFormatException.bad("intset not in ascending order");
            }
            previous = v;
            out.add(Blobs.decimal(v));
        }
        return out;
    }
}
