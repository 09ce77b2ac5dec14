package io.dynoj.redis.engine.rdb;

/**
 * The CRC-64 Redis puts in DUMP payloads and RDB files: Jones's polynomial
 * ({@code 0xad93d23594c935a9}), reflected input and output, initial value 0, no final xor
 * ({@code crc64("123456789") == 0xe9c6d914c4b8d9ca}). Table-driven, a byte at a time: payloads are
 * values, not files. Stateless and thread-safe.
 */
public final class Crc64 {

    /** The polynomial with its bits reversed, as a reflected CRC shifts right. */
    private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
    private static final long[] TABLE = table();

    private Crc64() {
    }

    /** Continues {@code crc} over {@code length} bytes of {@code data} at {@code offset}. */
    public static long update(long crc, byte[] data, int offset, int length) {
        long c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = TABLE[(int) ((c ^ data[i]) & 0xff)] ^ (c >>> 8);
        }
        return c;
    }

    public static long of(byte[] data, int offset, int length) {
        return update(0, data, offset, length);
    }

    private static long[] table() {
        long[] t = new long[256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }
}
