package io.dynoj.core.storage;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A {@link StoreIterator} over a range of a {@link NavigableMap} ordered as the SPI orders keys,
 * for stores that keep their entries in a Java map (the memory store, the journal example). Gives
 * copies, so callers may keep or change what they get.
 */
public final class MapStoreIterator implements StoreIterator {

    private final Iterator<Map.Entry<byte[], byte[]>> it;
    private Map.Entry<byte[], byte[]> current;

    private MapStoreIterator(Iterator<Map.Entry<byte[], byte[]>> it) {
        this.it = it;
    }

    /** Entries with {@code from <= key < to} ({@code null}: open); nothing when {@code from >= to}. */
    public static StoreIterator range(NavigableMap<byte[], byte[]> map, byte[] from, byte[] to) {
        NavigableMap<byte[], byte[]> range = map;
        if (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0) {
            range = Collections.emptyNavigableMap(); // subMap refuses from > to
        } else if (from != null && to != null) {
            range = map.subMap(from, true, to, false);
        } else if (from != null) {
            range = map.tailMap(from, true);
        } else if (to != null) {
            range = map.headMap(to, false);
        }
        return new MapStoreIterator(range.entrySet().iterator());
    }

    @Override
    public boolean next() {
        current = it.hasNext() ? it.next() : null;
        return current != null;
    }

    @Override
    public byte[] key() {
        return current.getKey().clone();
    }

    @Override
    public byte[] value() {
        return current.getValue().clone();
    }

    @Override
    public void close() {
    }
}
