package io.dynoj.redis.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A byte string usable as a map key or set member, ordered as Redis orders members (unsigned bytes). */
public record Bytes(byte[] bytes) implements Comparable<Bytes> {

    public static Bytes of(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /**
     * {@code items} with every {@link Bytes} (also in nested lists) as its {@code byte[]}, for
     * {@link io.dynoj.redis.protocol.RespWriter#array}; the same list when it holds none.
     */
    static List<?> unwrap(List<?> items) {
        for (Object item : items) {
            if (item instanceof Bytes || item instanceof List<?>) {
                List<Object> plain = new ArrayList<>(items.size());
                for (Object i : items) {
                    plain.add(i instanceof Bytes b ? b.bytes() : i instanceof List<?> l ? unwrap(l) : i);
                }
                return plain;
            }
        }
        return items;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
