package io.dynoj.core.storage;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.ConfigSection;
import java.util.List;

/** Datastore type {@code memory}: a {@link MemoryStore}. */
@AutoService(StoreProvider.class)
public final class MemoryStoreProvider implements StoreProvider {

    @Override
    public String type() {
        return "memory";
    }

    /** The memory store has no options. */
    @Override
    public void validate(ConfigSection options) {
        options.requireKnownKeys(List.of());
    }

    @Override
    public OrderedStore open(StoreContext context) {
        validate(context.options());
        return new MemoryStore();
    }
}
