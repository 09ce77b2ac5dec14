package io.dynoj.core.spi;

/**
 * A range of ring tokens, {@code (start, end]} on the unsigned 32-bit ring as Dynomite places keys: a
 * node owns the hashes after its previous token up to its own. It wraps past {@code 2^32 - 1} when
 * {@code start >= end}; {@code start == end} is the whole ring. Immutable.
 *
 * @param start the exclusive lower bound, in {@code [0, 2^32)}
 * @param end   the inclusive upper bound, in {@code [0, 2^32)}
 */
public record TokenRange(long start, long end) {

    /** The size of the ring: tokens are unsigned 32-bit values. */
    public static final long RING = 1L << 32;

    /** Checks the bounds. */
    public TokenRange {
        if (start < 0 || start >= RING || end < 0 || end >= RING) {
            throw new IllegalArgumentException("token range bounds must be in [0, 2^32): " + start + ":" + end);
        }
    }

    /** The whole ring. */
    public static TokenRange all() {
        return new TokenRange(0, 0);
    }

    /** Whether {@code token} is in the range. */
    public boolean contains(long token) {
        return offset(token) < width();
    }

    /** How many tokens the range holds: {@code 2^32} for the whole ring. */
    public long width() {
        long w = Math.floorMod(end - start, RING);
        return w == 0 ? RING : w;
    }

    /** Where {@code token} lies from the start: 0 for {@code start + 1}; {@code >= width()} outside. */
    public long offset(long token) {
        return Math.floorMod(token - start - 1, RING);
    }

    /** {@code START:END}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return start + ":" + end;
    }

    /** A range written {@code START:END} (tokens as unsigned decimals). */
    public static TokenRange parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a token range is START:END, got '" + text + "'");
        }
        try {
            return new TokenRange(Long.parseLong(text.substring(0, colon).trim()),
                    Long.parseLong(text.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a token range is START:END of two numbers, got '" + text + "'");
        }
    }
}
