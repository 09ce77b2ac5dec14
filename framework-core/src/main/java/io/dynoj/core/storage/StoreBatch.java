package io.dynoj.core.storage;

import java.util.ArrayList;
import java.util.List;

/** Puts and deletes applied together by {@link OrderedStore#write}. Not thread-safe. */
public final class StoreBatch {

    /** One operation; {@code value == null} means delete. */
    public record Op(byte[] key, byte[] value) {
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public StoreBatch put(byte[] key, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("put needs a value; use delete");
        }
        ops.add(new Op(key, value));
        return this;
    }

    public StoreBatch delete(byte[] key) {
        ops.add(new Op(key, null));
        return this;
    }

    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }

    /** Empties the batch for reuse (a group commit reuses one per thread). */
    public void clear() {
        ops.clear();
    }
}
