package io.dynoj.leveldb;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iterators and snapshots of one store that are still open, so that closing the store frees
 * them before the database (freeing them after would crash a native store). Thread-safe.
 */
final class OpenResources {

    private static final Logger log = LoggerFactory.getLogger(OpenResources.class);

    private final Set<StoreResource> open = ConcurrentHashMap.newKeySet();
    private final CloseGate gate;

    OpenResources(CloseGate gate) {
        this.gate = gate;
    }

    /** Call inside the gate, so that the store cannot close between creating and tracking it. */
    <T extends StoreResource> T track(T resource) {
        open.add(resource);
        return resource;
    }

    /** Its user closed it: free it now, unless the store is closing (which then frees it). */
    void release(StoreResource resource) {
        if (!resource.markClosed()) {
            return;
        }
        open.remove(resource);
        if (!gate.tryEnter()) {
            // The store is closing and may be freeing the database right now; LevelDB frees what
            // an iterator or snapshot holds along with it, freeing it after would not be safe.
            return;
        }
        try {
            free(resource);
        } finally {
            gate.exit();
        }
    }

    /** Frees every one still open; only once the gate is shut and no call is inside. */
    void freeAll() {
        for (StoreResource resource : open) {
            if (resource.markClosed()) {
                free(resource);
            }
        }
        open.clear();
    }

    private static void free(StoreResource resource) {
        try {
            resource.free();
        } catch (RuntimeException e) {
            log.debug("LevelDB: freeing {} failed", resource, e);
        }
    }
}
