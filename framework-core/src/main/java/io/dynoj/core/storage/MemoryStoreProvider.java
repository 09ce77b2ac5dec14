package io.dynoj.core.storage;

import com.google.auto.service.AutoService;

/** Datastore type {@code memory}: a {@link MemoryStore}. */
@AutoService(StoreProvider.class)
public final class MemoryStoreProvider implements StoreProvider {

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public OrderedStore open(StoreContext context) {
        return new MemoryStore();
    }
}
