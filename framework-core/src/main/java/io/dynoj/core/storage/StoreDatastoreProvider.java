package io.dynoj.core.storage;

import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.core.spi.ProviderLoader;
import java.util.Set;

/**
 * Makes a {@link StoreProvider} a datastore type: {@link ProviderLoader#datastore} returns one of
 * these for a store type, so that adapters of stores register only their {@link StoreProvider}.
 */
public final class StoreDatastoreProvider implements DatastoreProvider {

    private final StoreProvider stores;

    public StoreDatastoreProvider(StoreProvider stores) {
        this.stores = stores;
    }

    @Override
    public String type() {
        return stores.type();
    }

    /** Every protocol that has a command engine installed. */
    @Override
    public Set<String> protocols() {
        return Set.copyOf(ProviderLoader.available(CommandEngineFactory.class, CommandEngineFactory::protocol));
    }

    @Override
    public void validate(io.dynoj.core.config.NodeConfig config) {
        stores.validate(config.section(stores.type()));
    }

    @Override
    public Datastore create(DatastoreContext context) {
        CommandEngineFactory engine = ProviderLoader.engine(context.protocol().name());
        StoreContext storeContext = new StoreContext(context.config(),
                context.config().section(stores.type()), context.config().dataDir(), context.metrics());
        return new StoreDatastore(stores.type(), () -> stores.open(storeContext), engine, context);
    }
}
