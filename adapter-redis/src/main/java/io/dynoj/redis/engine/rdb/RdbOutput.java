package io.dynoj.redis.engine.rdb;

import java.io.ByteArrayOutputStream;

/**
 * Writes the RDB value encoding: type bytes, lengths (6, 14, 32 or 64 bits, big endian as Redis
 * writes them), raw strings and little-endian binary doubles. Only the plain encodings: Redis 7.0
 * accepts them and re-encodes compactly as it loads. Not thread-safe.
 */
final class RdbOutput {

    private final ByteArrayOutputStream out;

    RdbOutput(int sizeHint) {
        out = new ByteArrayOutputStream(Math.max(32, sizeHint));
    }

    RdbOutput u8(int b) {
        out.write(b);
        return this;
    }

    RdbOutput length(long len) {
        if (len < 1 << 6) {
            out.write((int) len);
        } else if (len < 1 << 14) {
            out.write((int) (len >>> 8) | 0x40);
            out.write((int) len & 0xff);
        } else if (len <= 0xFFFF_FFFFL) {
            out.write(0x80);
            bigEndian(len, 4);
        } else {
            out.write(0x81);
            bigEndian(len, 8);
        }
        return this;
    }

    RdbOutput string(byte[] s) {
        length(s.length);
        out.writeBytes(s);
        return this;
    }

    RdbOutput binaryDouble(double d) {
        littleEndian(Double.doubleToRawLongBits(d), 8);
        return this;
    }

    RdbOutput littleEndian(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    private void bigEndian(long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
