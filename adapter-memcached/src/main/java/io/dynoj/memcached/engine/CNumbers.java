package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * Numbers read the way memcached 1.6 reads them with its {@code safe_strto*} functions over C's
 * {@code strtol}/{@code strtoull}: leading white space and a sign are allowed, the digits must be
 * followed by white space or the end, an unsigned value that is negative as a signed one is refused
 * when the text holds a '-', and 32-bit results are the low bits of the 64-bit value. Used for meta
 * flag values ({@code T30}, {@code F5}...) and for the value incr/decr reads, where memcached's
 * leniency is visible to clients (the decoder reads the classic command line strictly).
 * The end of the range reads as C's terminating NUL.
 */
final class CNumbers {

    private CNumbers() {
    }

    /** {@code safe_strtoull}: the value, or {@code null} when refused. */
    static Long strtoull(ByteBuf b, int from, int to) {
        int i = from;
        while (i < to && isSpace(b.getByte(i))) {
            i++;
        }
        boolean negative = false;
        if (i < to && (b.getByte(i) == '+' || b.getByte(i) == '-')) {
            negative = b.getByte(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < to && b.getByte(i) >= '0' && b.getByte(i) <= '9') {
            int digit = b.getByte(i) - '0';
            // value * 10 + digit > 2^64 - 1, unsigned
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == digitsStart || overflow || !terminates(b, i, to)) {
            return null;
        }
        long result = negative ? -value : value;
        if (result < 0 && b.indexOf(from, to, (byte) '-') >= 0) {
            return null;
        }
        return result;
    }

    /** {@code safe_strtoul}: as {@link #strtoull}, then the low 32 bits (the flags of ms F). */
    static Long strtoul32(ByteBuf b, int from, int to) {
        Long value = strtoull(b, from, to);
        return value == null ? null : value & 0xFFFF_FFFFL;
    }

    /** {@code safe_strtol}: a signed 64-bit read, then the low 32 bits as a signed int; null when refused. */
    static Integer strtol32(ByteBuf b, int from, int to) {
        int i = from;
        while (i < to && isSpace(b.getByte(i))) {
            i++;
        }
        boolean negative = false;
        if (i < to && (b.getByte(i) == '+' || b.getByte(i) == '-')) {
            negative = b.getByte(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        // Accumulated negatively, as Long.parseLong does, to reach Long.MIN_VALUE; past the limit: ERANGE.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        while (i < to && b.getByte(i) >= '0' && b.getByte(i) <= '9') {
            int digit = b.getByte(i) - '0';
            if (value < limit / 10 || value * 10 < limit + digit) {
                overflow = true;
            } else {
                value = value * 10 - digit;
            }
            i++;
        }
        if (i == digitsStart || overflow || !terminates(b, i, to)) {
            return null;
        }
        return (int) (negative ? value : -value);
    }

    private static boolean terminates(ByteBuf b, int at, int to) {
        return at == to || isSpace(b.getByte(at)) || b.getByte(at) == 0;
    }

    /** C's isspace in the C locale. */
    static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
