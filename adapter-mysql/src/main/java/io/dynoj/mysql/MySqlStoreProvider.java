package io.dynoj.mysql;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreContext;
import io.dynoj.core.storage.StoreProvider;

/**
 * Store type {@code mysql}: a {@link MySqlStore} configured by the node's {@code mysql:} section
 * ({@link MySqlOptions}). With {@code datastore: mysql} the node serves its protocol from it.
 */
@AutoService(StoreProvider.class)
public final class MySqlStoreProvider implements StoreProvider {

    @Override
    public String type() {
        return MySqlOptions.SECTION;
    }

    /** Checks keys and values, and that the password file or variable is there; connects to nothing. */
    @Override
    public void validate(ConfigSection options) {
        MySqlOptions.parse(options);
    }

    /**
     * Opens the store; an unreachable database does not fail this (the node starts and the store
     * connects when it can), a refused login or an unusable table does.
     */
    @Override
    public OrderedStore open(StoreContext context) {
        return MySqlStore.open(MySqlOptions.parse(context.options()), context.metrics());
    }
}
