package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;

/**
 * Dynomite's {@code hash_jenkins} (src/hashkit/dyn_jenkins.c): Bob Jenkins' lookup3
 * {@code hashlittle} with {@code initval} 13. Dynomite picks a 32-bit, 16-bit or byte read path by
 * the key's alignment; on a little-endian machine they all give the same value, which is the byte
 * path's, implemented here with little-endian reads. Bytes are unsigned.
 */
final class Jenkins {

    private static final int INITVAL = 13;

    /**
     * For an empty key Dynomite returns {@code c} as the status code before writing the token, so the
     * token is undefined (uninitialised stack). We return that {@code c}, 0xdeadbeef + 0 + 13, which
     * is also what twemproxy's jenkins returns for an empty key.
     */
    static final int EMPTY_KEY = 0xdeadbeef + INITVAL;

    private Jenkins() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        if (length == 0) {
            return EMPTY_KEY;
        }
        int a = 0xdeadbeef + length + INITVAL;
        int b = a;
        int c = a;
        int p = index;
        int left = length;
        while (left > 12) {
            a += buf.getIntLE(p);
            b += buf.getIntLE(p + 4);
            c += buf.getIntLE(p + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            p += 12;
            left -= 12;
        }
        // Last block of 1..12 bytes: byte j of the block goes into word j / 4 at bit 8 * (j % 4).
        a += word(buf, p, left);
        b += word(buf, p + 4, left - 4);
        c += word(buf, p + 8, left - 8);
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    /** Little-endian word of the first {@code min(n, 4)} bytes at {@code p}, zero-padded; 0 if n <= 0. */
    private static int word(ByteBuf buf, int p, int n) {
        if (n >= 4) {
            return buf.getIntLE(p);
        }
        int w = 0;
        for (int j = 0; j < n; j++) {
            w |= buf.getUnsignedByte(p + j) << (8 * j);
        }
        return w;
    }
}
