package io.dynoj.redis.engine;

import java.util.Arrays;

/**
 * Bits of a string as Redis numbers them: bit 0 is the most significant bit of the first byte.
 * Bits beyond the end of a string read as 0. Stateless and thread-safe.
 */
final class Bits {

    private Bits() {
    }

    /** The set bits of {@code count} bytes from {@code from}. */
    static long popcount(byte[] s, int from, long count) {
        long n = 0;
        for (long i = 0; i < count; i++) {
            n += Integer.bitCount(s[from + (int) i] & 0xff);
        }
        return n;
    }

    /**
     * The first bit equal to {@code bit} in {@code count} bytes from {@code from}, counted from
     * {@code from}'s first bit. None: -1 when looking for a 1; {@code 8 * count} when looking for a
     * 0, as if the string went on with zero bits (Redis's redisBitpos).
     */
    static long firstBit(byte[] s, int from, long count, int bit) {
        int skip = bit == 1 ? 0 : 0xff;
        for (long i = 0; i < count; i++) {
            int b = s[from + (int) i] & 0xff;
            if (b != skip) {
                int found = bit == 1 ? Integer.numberOfLeadingZeros(b) - 24 : Integer.numberOfLeadingZeros(~b & 0xff) - 24;
                return i * 8 + found;
            }
        }
        return bit == 1 ? -1 : count * 8;
    }

    /** {@link #firstBit} in one byte. */
    static long firstBit(int b, int bit) {
        return firstBit(new byte[] {(byte) b}, 0, 1, bit);
    }

    /** The unsigned field of {@code bits} (1..64) bits at bit {@code offset}. */
    static long getUnsigned(byte[] s, long offset, int bits) {
        long value = 0;
        for (int j = 0; j < bits; j++, offset++) {
            long index = offset >>> 3;
            int b = index < s.length ? s[(int) index] & 0xff : 0;
            value = (value << 1) | ((b >> (7 - (int) (offset & 7))) & 1);
        }
        return value;
    }

    /** The two's complement field of {@code bits} (1..64) bits at bit {@code offset}. */
    static long getSigned(byte[] s, long offset, int bits) {
        long value = getUnsigned(s, offset, bits);
        if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    /** Writes the low {@code bits} bits of {@code value} at bit {@code offset}, which must be inside {@code s}. */
    static void set(byte[] s, long offset, int bits, long value) {
        for (int j = 0; j < bits; j++, offset++) {
            int bitValue = (int) ((value >>> (bits - 1 - j)) & 1);
            int index = (int) (offset >>> 3);
            int shift = 7 - (int) (offset & 7);
            s[index] = (byte) ((s[index] & ~(1 << shift)) | (bitValue << shift));
        }
    }

    /**
     * A copy of the string {@code old} (empty when absent) at least long enough to hold bit
     * {@code maxBit}, padded with zero bytes (Redis's lookupStringForBitCommand); a string the
     * heap cannot spare is refused ({@link StringLimits#checkHeap}).
     */
    static byte[] grownFor(StoredValue old, long maxBit) {
        long needed = (maxBit >>> 3) + 1;
        byte[] s = old == null ? new byte[0] : old.payload();
        if (needed > s.length) {
            StringLimits.checkHeap(needed);
        }
        return Arrays.copyOf(s, (int) Math.max(s.length, needed));
    }

    /** Writes a string changed by a bit command, keeping its TTL; a new key has none. */
    static void store(Call c, byte[] key, StoredValue old, byte[] value) {
        c.keyspace().put(key, old == null ? new StoredValue(ValueType.STRING, 0, value) : old.withPayload(value));
    }
}
