package io.dynoj.leveldb;

import io.dynoj.core.storage.StoreException;
import io.dynoj.core.storage.StoreIterator;
import java.util.Arrays;
import java.util.Map;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;

/**
 * Entries of a LevelDB iterator up to an exclusive upper bound. Each call goes through the store's
 * {@link CloseGate}, so using it after the store closed throws instead of touching freed memory.
 * Not thread-safe.
 */
final class LevelDbIterator extends StoreResource implements StoreIterator {

    private final DBIterator iterator;
    private final CloseGate gate;
    private final byte[] to;
    private boolean done;
    private byte[] key;
    private byte[] value;

    /** {@code iterator} is already positioned at the first entry to return; {@code to} is kept. */
    LevelDbIterator(OpenResources owner, CloseGate gate, DBIterator iterator, byte[] to) {
        super(owner);
        this.gate = gate;
        this.iterator = iterator;
        this.to = to;
    }

    @Override
    public boolean next() {
        if (isClosed() && gate.isClosed()) {
            throw new StoreException("the LevelDB store is closed"); // and has freed this iterator
        }
        if (done || isClosed()) {
            return false;
        }
        gate.enter();
        try {
            if (!iterator.hasNext()) {
                return finish();
            }
            // Both libraries copy key and value into fresh arrays: they belong to the caller.
            Map.Entry<byte[], byte[]> entry = iterator.next();
            if (to != null && Arrays.compareUnsigned(entry.getKey(), to) >= 0) {
                return finish();
            }
            key = entry.getKey();
            value = entry.getValue();
            return true;
        } catch (DBException e) {
            throw new StoreException("LevelDB scan failed: " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    private boolean finish() {
        done = true;
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    void free() {
        iterator.close();
    }
}
