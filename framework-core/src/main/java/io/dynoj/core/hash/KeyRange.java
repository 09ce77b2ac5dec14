package io.dynoj.core.hash;

/**
 * The part of a key that is hashed: {@code length} bytes from {@code index}, in the coordinates of
 * the array or buffer it was selected from (array offset, or absolute {@code ByteBuf} index).
 *
 * @param index  first byte hashed
 * @param length number of bytes hashed; 0 when a hash tag encloses nothing (see {@link HashTag})
 */
public record KeyRange(int index, int length) {

    /** Validates the range. */
    public KeyRange {
        if (index < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + index + "+" + length);
        }
    }

    /** Whether nothing is selected. */
    public boolean isEmpty() {
        return length == 0;
    }
}
