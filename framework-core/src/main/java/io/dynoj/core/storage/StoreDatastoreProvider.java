package io.dynoj.core.storage;

import io.dynoj.core.config.DatastoreSettings;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a {@link StoreProvider} a datastore type, served through the protocols' command engines, so
 * that adapters of stores register only their {@link StoreProvider}. The plugin loader builds one
 * for a store type with the command engines it found.
 */
public final class StoreDatastoreProvider implements DatastoreProvider {

    private final StoreProvider stores;
    private final List<CommandEngineFactory> engines;

    public StoreDatastoreProvider(StoreProvider stores, List<CommandEngineFactory> engines) {
        this.stores = stores;
        this.engines = List.copyOf(engines);
    }

    @Override
    public String type() {
        return stores.type();
    }

    /** Every protocol that has a command engine installed. */
    @Override
    public Set<String> protocols() {
        Set<String> names = new TreeSet<>();
        engines.forEach(engine -> names.add(engine.protocol()));
        return Set.copyOf(names);
    }

    @Override
    public void validate(DatastoreSettings settings) {
        stores.validate(settings.section());
    }

    @Override
    public Datastore create(DatastoreContext context) {
        String protocol = context.protocol().name();
        CommandEngineFactory engine = engines.stream().filter(e -> e.protocol().equalsIgnoreCase(protocol))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no command engine for protocol '" + protocol
                        + "' is installed; found: " + protocols()));
        DatastoreSettings settings = context.settings();
        StoreContext storeContext = new StoreContext(settings.section(), settings.dataDir(), context.metrics());
        return new StoreDatastore(stores.type(), () -> stores.open(storeContext), engine, context);
    }
}
