package io.dynoj.testkit.fuzz;

import java.util.Arrays;

/**
 * Reads choices out of a fuzzer's input, front to back. Every method answers whatever the bytes are, and
 * answers zero (or nothing) once they run out, so any byte array is a valid program for a fuzz target:
 * random bytes and mutated bytes alike pick structure (which command, how long, where to cut).
 * Not thread-safe.
 */
public final class FuzzBytes {

    private final byte[] data;
    private int pos;

    public FuzzBytes(byte[] data) {
        this.data = data;
    }

    public boolean hasMore() {
        return pos < data.length;
    }

    public int remaining() {
        return data.length - pos;
    }

    /** One byte, 0 when none is left. */
    public int nextByte() {
        return pos < data.length ? data[pos++] & 0xFF : 0;
    }

    public boolean nextBoolean() {
        return (nextByte() & 1) != 0;
    }

    /** A number in {@code [0, bound)} from one byte (two when the bound is above 256). */
    public int nextInt(int bound) {
        if (bound <= 1) {
            return 0;
        }
        int v = bound <= 256 ? nextByte() : nextByte() << 8 | nextByte();
        return v % bound;
    }

    /** A length in {@code [0, max]}, mostly small: what lengths in real traffic look like. */
    public int nextLength(int max) {
        int pick = nextByte();
        int n = pick < 160 ? pick % 8 : pick < 230 ? pick % 64 : nextInt(max + 1);
        return Math.min(n, max);
    }

    /** Up to {@code n} raw bytes (fewer when the input ends). */
    public byte[] nextBytes(int n) {
        int take = Math.min(n, remaining());
        byte[] out = Arrays.copyOfRange(data, pos, pos + take);
        pos += take;
        return out;
    }

    /** One of {@code choices}. */
    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[nextInt(choices.length)];
    }
}
