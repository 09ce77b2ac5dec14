package io.dynoj.redis.engine.rdb;

import java.nio.charset.StandardCharsets;

/**
 * Reads the RDB value encoding from a byte array: lengths (6, 14, 32 or 64 bits), strings (raw,
 * integer-encoded, LZF-compressed) and scores (binary or text). Every read is bounds-checked and
 * every length checked against the bytes left, so a corrupt payload fails with a
 * {@link RdbFormatException} before anything large is allocated. Not thread-safe.
 */
final class RdbInput {

    /** Largest string one payload may decompress to: Redis's own bulk limit (proto-max-bulk-len). */
    static final int MAX_STRING = 512 * 1024 * 1024;

    private static final int ENC_INT8 = 0;
    private static final int ENC_INT16 = 1;
    private static final int ENC_INT32 = 2;
    private static final int ENC_LZF = 3;

    private final byte[] data;
    private final int limit;
    private int pos;

    RdbInput(byte[] data, int from, int limit) {
        this.data = data;
        this.pos = from;
        this.limit = limit;
    }

    int remaining() {
        return limit - pos;
    }

    int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    /** A length; an integer or LZF marker where a plain length belongs is corrupt. */
    long length() {
        int first = u8();
        if ((first & 0xC0) == 0xC0) {
            throw RdbFormatException.bad("encoded value where a length belongs");
        }
        return lengthAfter(first);
    }

    /** A count of things that take at least {@code minBytes} each: never more than the bytes left allow. */
    int count(int minBytes) {
        long n = length();
        if (n < 0 || n > remaining() / Math.max(1, minBytes)) {
            throw RdbFormatException.bad("count " + n + " exceeds the payload");
        }
        return (int) n;
    }

    private long lengthAfter(int first) {
        switch (first >>> 6) {
            case 0:
                return first & 0x3F;
            case 1:
                return ((first & 0x3F) << 8) | u8();
            default:
                if (first == 0x80) {
                    return Integer.toUnsignedLong(bigEndian(4));
                }
                if (first == 0x81) {
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v = (v << 8) | u8();
                    }
                    return v;
                }
                throw RdbFormatException.bad("unknown length encoding " + first);
        }
    }

    private int bigEndian(int bytes) {
        int v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | u8();
        }
        return v;
    }

    private long littleEndian(int bytes) {
        need(bytes);
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += bytes;
        return v;
    }

    /** A string in any of its encodings, as its bytes (integers as their decimal text). */
    byte[] string() {
        int first = u8();
        if ((first & 0xC0) != 0xC0) {
            return raw(checkedSize(lengthAfter(first)));
        }
        switch (first & 0x3F) {
            case ENC_INT8:
                return decimal((byte) u8());
            case ENC_INT16:
                return decimal((short) littleEndian(2));
            case ENC_INT32:
                return decimal((int) littleEndian(4));
            case ENC_LZF:
                int compressed = checkedSize(length());
                int plain = (int) Math.min(length(), Integer.MAX_VALUE);
                if (plain > MAX_STRING || (long) plain > (long) compressed * 100 + 100) {
                    throw RdbFormatException.bad("LZF string of " + plain + " bytes from " + compressed);
                }
                need(compressed);
                byte[] out = Lzf.decompress(data, pos, compressed, plain);
                pos += compressed;
                return out;
            default:
                throw RdbFormatException.bad("unknown string encoding " + (first & 0x3F));
        }
    }

    private int checkedSize(long length) {
        if (length < 0 || length > remaining()) {
            throw RdbFormatException.bad("string of " + length + " bytes exceeds the payload");
        }
        return (int) length;
    }

    private byte[] raw(int length) {
        need(length);
        byte[] b = new byte[length];
        System.arraycopy(data, pos, b, 0, length);
        pos += length;
        return b;
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** A score of RDB_TYPE_ZSET_2: an IEEE 754 double, little endian. */
    double binaryDouble() {
        return Double.longBitsToDouble(littleEndian(8));
    }

    /** A score of the old RDB_TYPE_ZSET: a length byte (253 NaN, 254 +inf, 255 -inf) and its text. */
    double textDouble() {
        int len = u8();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                return RdbScores.parse(raw(len));
        }
    }

    private void need(int n) {
        if (n < 0 || pos + n > limit) {
            throw RdbFormatException.bad("payload truncated");
        }
    }
}
