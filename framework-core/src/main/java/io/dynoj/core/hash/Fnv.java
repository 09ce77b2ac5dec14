package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;

/**
 * Dynomite's FNV hashes (src/hashkit/dyn_fnv.c). Since Dynomite v0.6.1 the key is an
 * {@code unsigned char *}, so bytes are taken unsigned (v0.6.0 and older sign-extended them).
 */
final class Fnv {

    private static final long FNV_64_INIT = 0xcbf29ce484222325L;
    private static final long FNV_64_PRIME = 0x100000001b3L;
    private static final int FNV_32_INIT = 0x811c9dc5;
    private static final int FNV_32_PRIME = 16777619;

    private Fnv() {
    }

    /** {@code hash_fnv1_64}: 64-bit FNV-1, truncated to its low 32 bits. */
    static int fnv1_64(ByteBuf buf, int index, int length) {
        long h = FNV_64_INIT;
        for (int i = index, end = index + length; i < end; i++) {
            h *= FNV_64_PRIME;
            h ^= buf.getUnsignedByte(i);
        }
        return (int) h;
    }

    /**
     * {@code hash_fnv1a_64}: Dynomite runs it on a 32-bit state seeded and multiplied with the low
     * halves of the 64-bit constants; the low 32 bits of a product depend only on the low 32 bits of
     * its factors, so this equals the 64-bit FNV-1a truncated to 32 bits.
     */
    static int fnv1a_64(ByteBuf buf, int index, int length) {
        int h = (int) FNV_64_INIT;
        for (int i = index, end = index + length; i < end; i++) {
            h ^= buf.getUnsignedByte(i);
            h *= (int) FNV_64_PRIME;
        }
        return h;
    }

    /** {@code hash_fnv1_32}: 32-bit FNV-1. */
    static int fnv1_32(ByteBuf buf, int index, int length) {
        int h = FNV_32_INIT;
        for (int i = index, end = index + length; i < end; i++) {
            h *= FNV_32_PRIME;
            h ^= buf.getUnsignedByte(i);
        }
        return h;
    }

    /** {@code hash_fnv1a_32}: 32-bit FNV-1a. */
    static int fnv1a_32(ByteBuf buf, int index, int length) {
        int h = FNV_32_INIT;
        for (int i = index, end = index + length; i < end; i++) {
            h ^= buf.getUnsignedByte(i);
            h *= FNV_32_PRIME;
        }
        return h;
    }
}
