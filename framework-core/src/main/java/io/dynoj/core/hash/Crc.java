package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;

/**
 * Dynomite's CRC based hashes (src/hashkit/dyn_crc16.c and dyn_crc32.c). The lookup tables are
 * computed from the polynomials rather than listed; the test vectors, taken from Dynomite's own
 * tables, confirm they are the same.
 */
final class Crc {

    /** CRC-16/XMODEM table: polynomial 0x1021, most significant bit first. */
    private static final int[] CRC16 = new int[256];
    /** Standard (zlib) CRC-32 table: reflected polynomial 0xEDB88320. */
    private static final int[] CRC32 = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c16 = n << 8;
            int c32 = n;
            for (int bit = 0; bit < 8; bit++) {
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x1021 : c16 << 1;
                c32 = (c32 & 1) != 0 ? (c32 >>> 1) ^ 0xEDB88320 : c32 >>> 1;
            }
            CRC16[n] = c16 & 0xffff;
            CRC32[n] = c32;
        }
    }

    private Crc() {
    }

    /**
     * {@code hash_crc16}. The running value is a uint32_t that is shifted left and never masked to 16
     * bits, so bits above 15 keep the shifted-out history: only the low 16 bits are the textbook
     * CRC-16/XMODEM, the token is the whole 32-bit value.
     */
    static int crc16(ByteBuf buf, int index, int length) {
        int crc = 0;
        for (int i = index, end = index + length; i < end; i++) {
            crc = (crc << 8) ^ CRC16[((crc >>> 8) ^ buf.getByte(i)) & 0xff];
        }
        return crc;
    }

    /**
     * {@code hash_crc32}: the libmemcached/twemproxy flavour, bits 16..30 of the standard CRC-32
     * ({@code (crc >> 16) & 0x7fff}), so the result is always below 32768.
     */
    static int crc32(ByteBuf buf, int index, int length) {
        return (crc32a(buf, index, length) >>> 16) & 0x7fff;
    }

    /** {@code hash_crc32a}: the full standard CRC-32 (the one zlib and java.util.zip compute). */
    static int crc32a(ByteBuf buf, int index, int length) {
        int crc = ~0;
        for (int i = index, end = index + length; i < end; i++) {
            crc = CRC32[(crc ^ buf.getByte(i)) & 0xff] ^ (crc >>> 8);
        }
        return ~crc;
    }
}
