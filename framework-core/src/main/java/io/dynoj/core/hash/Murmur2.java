package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;

/**
 * Dynomite's {@code hash_murmur} (src/hashkit/dyn_murmur.c, Dynomite's default {@code hash}):
 * MurmurHash2 as modified by twemproxy, whose seed is {@code 0xdeadbeef * length} rather than a
 * constant. Four-byte blocks are read little-endian, as the C's unaligned {@code unsigned int} load
 * does on x86.
 */
final class Murmur2 {

    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        int seed = 0xdeadbeef * length;
        int h = seed ^ length;
        int p = index;
        int left = length;
        while (left >= 4) {
            int k = buf.getIntLE(p);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
            p += 4;
            left -= 4;
        }
        // The tail cases fall through in the C.
        if (left == 3) {
            h ^= buf.getUnsignedByte(p + 2) << 16;
        }
        if (left >= 2) {
            h ^= buf.getUnsignedByte(p + 1) << 8;
        }
        if (left >= 1) {
            h ^= buf.getUnsignedByte(p);
            h *= M;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }
}
