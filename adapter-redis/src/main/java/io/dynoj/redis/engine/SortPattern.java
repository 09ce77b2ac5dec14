package io.dynoj.redis.engine;

import java.util.Arrays;

/**
 * SORT's BY and GET patterns: the first {@code *} of a pattern is replaced by an element to name a
 * key; {@code key->field} after the {@code *} reads a hash field; {@code #} is the element itself;
 * a pattern without {@code *} names nothing. Stateless.
 */
final class SortPattern {

    private SortPattern() {
    }

    static boolean hasStar(byte[] pattern) {
        return indexOf(pattern, (byte) '*', 0) >= 0;
    }

    static boolean isElement(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '#';
    }

    /** The key {@code pattern} names for {@code element}, or null when it names none. */
    static byte[] keyOf(byte[] pattern, byte[] element) {
        if (isElement(pattern)) {
            return null;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = fieldArrow(pattern, star);
        int postfixEnd = arrow >= 0 ? arrow : pattern.length;
        byte[] key = new byte[star + element.length + postfixEnd - star - 1];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, postfixEnd - star - 1);
        return key;
    }

    /**
     * What {@code pattern} gives for {@code element} (Redis's lookupKeyByPattern): the element for
     * {@code #}; the string at the named key, or the hash field it names; null when the key is
     * missing or of another type, or the field is missing.
     */
    static byte[] lookup(Call c, byte[] pattern, byte[] element) {
        if (isElement(pattern)) {
            return element;
        }
        byte[] key = keyOf(pattern, element);
        if (key == null) {
            return null;
        }
        StoredValue v = c.keyspace().get(key);
        if (v == null) {
            return null;
        }
        int arrow = fieldArrow(pattern, indexOf(pattern, (byte) '*', 0));
        if (arrow < 0) {
            return v.type() == ValueType.STRING ? v.payload() : null;
        }
        if (v.type() != ValueType.HASH) {
            return null;
        }
        byte[] field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
        return HashCommands.fields(v).get(new Bytes(field));
    }

    /** Where {@code ->} starts after the {@code *}, when a field name follows it; -1 otherwise. */
    private static int fieldArrow(byte[] pattern, int star) {
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                return i + 2 < pattern.length ? i : -1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
