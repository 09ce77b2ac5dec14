package io.dynoj.core.plugin;

import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.storage.CommandEngineFactory;
import java.util.List;

/**
 * What {@link ProviderLoader} finds now: client protocols, datastore types (servers behind the
 * node and embedded stores) and the command engines that let a protocol run on a store.
 */
public record InstalledAdapters(List<String> protocols, List<String> datastoreTypes, List<String> engines) {

    public static InstalledAdapters find() {
        return new InstalledAdapters(
                ProviderLoader.available(ProtocolAdapter.class, ProtocolAdapter::name),
                ProviderLoader.datastoreTypes(),
                ProviderLoader.available(CommandEngineFactory.class, CommandEngineFactory::protocol));
    }

    /** One line, e.g. {@code protocols [memcached, redis], datastore types [memory, redis], command engines [redis]}. */
    @Override
    public String toString() {
        return "protocols " + protocols + ", datastore types " + datastoreTypes + ", command engines " + engines;
    }
}
