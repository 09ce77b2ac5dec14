package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A list key loaded for one command: its elements, mutable, and its expiry, which writing it back
 * keeps (Redis keeps a key's TTL when a command changes its value). Used under the key's lock only.
 */
final class ListValue {

    private final long expireAt;
    private ArrayList<byte[]> items;

    private ListValue(long expireAt, ArrayList<byte[]> items) {
        this.expireAt = expireAt;
        this.items = items;
    }

    /** The list at {@code key}; null when absent; WRONGTYPE for other types. */
    static ListValue get(Call c, byte[] key) {
        StoredValue v = c.keyspace().get(key, ValueType.LIST);
        if (v == null) {
            return null;
        }
        List<byte[]> decoded = Codec.decodeList(v.payload());
        return new ListValue(v.expireAt(), decoded instanceof ArrayList<byte[]> a ? a : new ArrayList<>(decoded));
    }

    /** A new, empty list without expiry (what a push to a missing key creates). */
    static ListValue fresh() {
        return new ListValue(0, new ArrayList<>());
    }

    int size() {
        return items.size();
    }

    byte[] at(int index) {
        return items.get(index);
    }

    void set(int index, byte[] element) {
        items.set(index, element);
    }

    /** The live elements, for in-place edits (LREM, LINSERT). */
    List<byte[]> items() {
        return items;
    }

    /** Redis's index: negative counts from the tail; -1 when outside the list. */
    int index(long index) {
        long i = index < 0 ? items.size() + index : index;
        return i >= 0 && i < items.size() ? (int) i : -1;
    }

    /** Pushes one element at the head ({@code left}) or the tail. */
    void push(boolean left, byte[] element) {
        if (left) {
            items.add(0, element);
        } else {
            items.add(element);
        }
    }

    /**
     * Pushes arguments {@code from..argc-1} of the call one by one, as LPUSH/RPUSH do (so LPUSH
     * leaves them reversed at the head). Builds a new array for the head: one copy, not one per element.
     */
    void pushArgs(boolean left, Call c, int from) {
        int n = c.argc() - from;
        if (!left) {
            items.ensureCapacity(items.size() + n);
            for (int i = from; i < c.argc(); i++) {
                items.add(c.arg(i));
            }
            return;
        }
        ArrayList<byte[]> joined = new ArrayList<>(items.size() + n);
        for (int i = c.argc() - 1; i >= from; i--) {
            joined.add(c.arg(i));
        }
        joined.addAll(items);
        items = joined;
    }

    /** Removes up to {@code count} elements from the head or the tail, in the order popped. */
    List<byte[]> pop(boolean left, long count) {
        int n = (int) Math.min(count, items.size());
        List<byte[]> popped = new ArrayList<>(n);
        if (left) {
            List<byte[]> head = items.subList(0, n);
            popped.addAll(head);
            head.clear();
        } else {
            for (int i = 0; i < n; i++) {
                popped.add(items.remove(items.size() - 1));
            }
        }
        return popped;
    }

    byte[] popOne(boolean left) {
        return items.remove(left ? 0 : items.size() - 1);
    }

    /** Keeps only {@code [from, to)}. */
    void keep(int from, int to) {
        items = new ArrayList<>(items.subList(from, to));
    }

    /** The value to store, or {@code null} (delete the key) when the list became empty. */
    StoredValue toStored() {
        return items.isEmpty() ? null : new StoredValue(ValueType.LIST, expireAt, Codec.encodeList(items));
    }

    /** Writes the list back to {@code key}, deleting the key when the list became empty. */
    void save(Call c, byte[] key) {
        StoredValue stored = toStored();
        if (stored == null) {
            c.keyspace().delete(key);
        } else {
            c.keyspace().put(key, stored);
        }
    }

    /** LEFT or RIGHT (any case) at argument {@code i}: true for LEFT; syntax error otherwise. */
    static boolean parseSide(Call c, int i) {
        return switch (c.option(i)) {
            case "left" -> true;
            case "right" -> false;
            default -> throw RedisError.syntax();
        };
    }

    /** A count that must be {@code >= min}; {@code message} is the error for anything else, as Redis words it. */
    static long atLeast(Call c, int i, long min, String message) {
        Long v = Numbers.tryParseLong(c.arg(i));
        if (v == null || v < min) {
            throw new RedisError(message);
        }
        return v;
    }
}
