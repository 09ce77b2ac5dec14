package io.dynoj.redis.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
