package io.dynoj.leveldb;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An iterator or snapshot of a {@link LevelDbStore}: a library object that must be freed exactly
 * once, and before its database (freeing it after would crash a native store). The store frees the
 * ones still open when it closes.
 */
abstract class StoreResource {

    private final AtomicBoolean closed = new AtomicBoolean();
    private final OpenResources owner;

    StoreResource(OpenResources owner) {
        this.owner = owner;
    }

    /** Frees the library object. Called once, never concurrently with the database's close. */
    abstract void free();

    /** True for the one caller that gets to free it. */
    final boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    final boolean isClosed() {
        return closed.get();
    }

    final OpenResources owner() {
        return owner;
    }

    /** Idempotent; after the store closed, a no-op. */
    public final void close() {
        owner.release(this);
    }
}
