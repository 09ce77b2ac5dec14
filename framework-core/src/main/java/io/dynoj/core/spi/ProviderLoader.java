package io.dynoj.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;
import io.dynoj.core.storage.CommandEngineFactory;
import io.dynoj.core.storage.StoreDatastoreProvider;
import io.dynoj.core.storage.StoreProvider;

/**
 * The one place plugins are looked up. Fails fast with a message naming what it did find, so a
 * missing or misnamed adapter is obvious at start.
 */
public final class ProviderLoader {

    private ProviderLoader() {
    }

    public static ProtocolAdapter protocol(String name) {
        return find(ProtocolAdapter.class, ProtocolAdapter::name, name, "protocol");
    }

    /**
     * The datastore type {@code type}: a {@link DatastoreProvider} of that name, or else a
     * {@link StoreProvider} of that name served through the protocols' command engines.
     */
    public static DatastoreProvider datastore(String type) {
        DatastoreProvider direct = findOrNull(DatastoreProvider.class, DatastoreProvider::type, type, "datastore");
        if (direct != null) {
            return direct;
        }
        StoreProvider store = findOrNull(StoreProvider.class, StoreProvider::type, type, "datastore");
        if (store != null) {
            return new StoreDatastoreProvider(store);
        }
        throw new IllegalStateException("no datastore adapter named '" + type + "' is installed; found: "
                + datastoreTypes());
    }

    /** Every datastore type installed: servers behind the node and stores, sorted. */
    public static List<String> datastoreTypes() {
        TreeSet<String> names = new TreeSet<>(available(DatastoreProvider.class, DatastoreProvider::type));
        names.addAll(available(StoreProvider.class, StoreProvider::type));
        return new ArrayList<>(names);
    }

    public static CommandEngineFactory engine(String protocol) {
        return find(CommandEngineFactory.class, CommandEngineFactory::protocol, protocol, "command engine");
    }

    /** Names of every implementation of {@code spi} on the class path, sorted. */
    public static <T> List<String> available(Class<T> spi, Function<T, String> nameOf) {
        TreeSet<String> names = new TreeSet<>();
        for (T provider : ServiceLoader.load(spi, ProviderLoader.class.getClassLoader())) {
            names.add(nameOf.apply(provider));
        }
        return new ArrayList<>(names);
    }

    private static <T> T find(Class<T> spi, Function<T, String> nameOf, String wanted, String what) {
        T match = findOrNull(spi, nameOf, wanted, what);
        if (match == null) {
            throw new IllegalStateException("no " + what + " adapter named '" + wanted + "' is installed; found: "
                    + available(spi, nameOf));
        }
        return match;
    }

    private static <T> T findOrNull(Class<T> spi, Function<T, String> nameOf, String wanted, String what) {
        T match = null;
        for (T provider : ServiceLoader.load(spi, ProviderLoader.class.getClassLoader())) {
            if (nameOf.apply(provider).equalsIgnoreCase(wanted)) {
                if (match != null) {
                    throw new IllegalStateException("two " + what + " adapters are named '" + wanted + "': "
                            + match.getClass().getName() + " and " + provider.getClass().getName());
                }
                match = provider;
            }
        }
        return match;
    }
}
