package io.dynoj.core.storage;

import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An {@link OrderedStore} in memory: datastore type {@code memory}, for tests and demos (nothing
 * survives a restart). Also the smallest example of the storage SPI. Snapshots copy the map; taking
 * one waits for a batch in progress, so a snapshot never sees half a batch.
 */
public final class MemoryStore implements OrderedStore {

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    @Override
    public byte[] get(byte[] key) {
        byte[] v = map.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key);
    }

    /**
     * Atomic for snapshots (they are taken under the same lock); a scan without a snapshot or a
     * sequence of gets may see part of a batch.
     */
    @Override
    public synchronized void write(StoreBatch batch) {
        for (StoreBatch.Op op : batch.ops()) {
            if (op.isDelete()) {
                delete(op.key());
            } else {
                put(op.key(), op.value());
            }
        }
    }

    @Override
    public synchronized StoreSnapshot snapshot() {
        return new Snapshot(new TreeMap<>(map));
    }

    @Override
    public StoreIterator scan(StoreSnapshot snapshot, byte[] from, byte[] to) {
        return MapStoreIterator.range(snapshot instanceof Snapshot s ? s.copy : map, from, to);
    }

    @Override
    public String describe() {
        return "in-memory store (nothing survives a restart)";
    }

    @Override
    public void close() {
    }

    private record Snapshot(NavigableMap<byte[], byte[]> copy) implements StoreSnapshot {
        @Override
        public void close() {
        }
    }
}
