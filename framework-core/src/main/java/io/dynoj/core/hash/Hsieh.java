package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;

/**
 * Dynomite's {@code hash_hsieh} (src/hashkit/dyn_hsieh.c): Paul Hsieh's SuperFastHash with the
 * portable little-endian 16-bit reads; every byte is read unsigned (the key is an
 * {@code unsigned char *} since Dynomite v0.6.1).
 */
final class Hsieh {

    private Hsieh() {
    }

    /**
     * For an empty key Dynomite returns before writing the token, so its value is whatever the caller's
     * uninitialised stack held: undefined. We return 0, which is what twemproxy's hsieh returns.
     */
    static int hash(ByteBuf buf, int index, int length) {
        if (length <= 0) {
            return 0;
        }
        int h = 0;
        int p = index;
        for (int blocks = length >>> 2; blocks > 0; blocks--) {
            h += buf.getUnsignedShortLE(p);
            int tmp = (buf.getUnsignedShortLE(p + 2) << 11) ^ h;
            h = (h << 16) ^ tmp;
            p += 4;
            h += h >>> 11;
        }
        switch (length & 3) {
            case 3 -> {
                h += buf.getUnsignedShortLE(p);
                h ^= h << 16;
                h ^= buf.getUnsignedByte(p + 2) << 18;
                h += h >>> 11;
            }
            case 2 -> {
                h += buf.getUnsignedShortLE(p);
                h ^= h << 11;
                h += h >>> 17;
            }
            case 1 -> {
                h += buf.getUnsignedByte(p);
                h ^= h << 10;
                h += h >>> 1;
            }
            default -> {
            }
        }
        // final avalanche
        h ^= h << 3;
        h += h >>> 5;
        h ^= h << 4;
        h += h >>> 17;
        h ^= h << 25;
        h += h >>> 6;
        return h;
    }
}
