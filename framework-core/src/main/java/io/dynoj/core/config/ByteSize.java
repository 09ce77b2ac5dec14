package io.dynoj.core.config;

import java.util.Locale;

/**
 * A size in a configuration file, written as Redis writes its own ({@code redis.conf}'s memtoll): a
 * number of bytes with an optional unit, {@code k}/{@code m}/{@code g} in powers of 1000 and
 * {@code kb}/{@code mb}/{@code gb} in powers of 1024, any case ({@code 512mb}, {@code 1gb}, {@code 65536}).
 */
final class ByteSize {

    private static final String[] UNITS = {"gb", "mb", "kb", "g", "m", "k", "b"};
    private static final long[] FACTORS = {1L << 30, 1L << 20, 1L << 10, 1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private ByteSize() {
    }

    /** A positive size; {@link IllegalArgumentException} naming the text otherwise. */
    static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        for (int i = 0; i < UNITS.length; i++) {
            if (s.endsWith(UNITS[i])) {
                factor = FACTORS[i];
                s = s.substring(0, s.length() - UNITS[i].length()).trim();
                break;
            }
        }
        try {
            if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
                throw new NumberFormatException();
            }
            long size = Math.multiplyExact(Long.parseLong(s), factor);
            if (size <= 0) {
                throw new IllegalArgumentException("must be positive, got '" + text + "'");
            }
            return size;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a size such as 65536, 64kb or 512mb, got '" + text + "'");
        }
    }

    /** A positive size that fits an int. */
    static int parseInt(String text) {
        long size = parse(text);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE + ", got '" + text + "'");
        }
        return (int) size;
    }
}
