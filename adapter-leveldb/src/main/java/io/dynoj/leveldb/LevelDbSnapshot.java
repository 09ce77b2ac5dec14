package io.dynoj.leveldb;

import io.dynoj.core.storage.StoreSnapshot;
import java.io.IOException;
import org.iq80.leveldb.Snapshot;

/** A LevelDB snapshot: reads through it see the store as it was when it was taken. */
final class LevelDbSnapshot extends StoreResource implements StoreSnapshot {

    private final Snapshot snapshot;

    LevelDbSnapshot(OpenResources owner, Snapshot snapshot) {
        super(owner);
        this.snapshot = snapshot;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    void free() {
        try {
            snapshot.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
