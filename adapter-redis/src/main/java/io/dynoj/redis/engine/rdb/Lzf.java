package io.dynoj.redis.engine.rdb;

/**
 * LZF decompression, for the strings Redis compresses in DUMP payloads (strings over 20 bytes that
 * LZF shrinks). The format: a control byte below 32 starts a run of that many plus one literal
 * bytes; above, its top 3 bits are a length (7 = one more length byte follows) and the rest, with
 * the next byte, a distance back into the output to copy {@code length + 2} bytes from. Stateless.
 */
final class Lzf {

    private Lzf() {
    }

    /**
     * Decompresses {@code in[from, from + length)} into exactly {@code outLength} bytes; throws a
     * {@link RdbFormatException} when the input is corrupt or does not give that many bytes.
     */
    static byte[] decompress(byte[] in, int from, int length, int outLength) {
        byte[] out = new byte[outLength];
        int ip = from;
        int end = from + length;
        int op = 0;
        while (ip < end) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (op + run > outLength || ip + run > end) {
                    throw RdbFormatException.bad("LZF literal run overflows");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            int len = ctrl >>> 5;
            int ref = op - ((ctrl & 0x1f) << 8) - 1;
            if (ip >= end) {
                throw RdbFormatException.bad("LZF back reference truncated");
            }
            if (len == 7) {
                len += in[ip++] & 0xff;
                if (ip >= end) {
                    throw RdbFormatException.bad("LZF back reference truncated");
                }
            }
            ref -= in[ip++] & 0xff;
            len += 2;
            if (op + len > outLength || ref < 0) {
                throw RdbFormatException.bad("LZF back reference out of range");
            }
            // Byte by byte: the source may overlap what this copy writes (runs of a repeated pattern).
            for (int i = 0; i < len; i++) {
                out[op++] = out[ref++];
            }
        }
        if (op != outLength) {
            throw RdbFormatException.bad("LZF data gives " + op + " bytes, not " + outLength);
        }
        return out;
    }
}
