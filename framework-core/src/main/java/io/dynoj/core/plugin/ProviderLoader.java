package io.dynoj.core.plugin;

import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ServerLauncher;
import io.dynoj.core.storage.CommandEngineFactory;
import io.dynoj.core.storage.StoreDatastoreProvider;
import io.dynoj.core.storage.StoreProvider;
import io.dynoj.core.topology.TopologySourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The one place plugins are looked up. Fails fast with a message naming what it did find, so a
 * missing or misnamed adapter is obvious at start.
 */
public final class ProviderLoader {

    /** Where plugins are looked up; set once at start, before the first lookup. */
    private static volatile ClassLoader classLoader = ProviderLoader.class.getClassLoader();

    private ProviderLoader() {
    }

    /**
     * Makes every later lookup use {@code loader}, e.g. one over the jars of the distribution's
     * {@code plugins/} directory (whose parent is this class's loader, so the SPIs are shared).
     * Called once at start, before any node is made; by default the class path is searched.
     */
    public static void useClassLoader(ClassLoader loader) {
        classLoader = java.util.Objects.requireNonNull(loader, "loader");
    }

    /** The class loader lookups use now. */
    public static ClassLoader classLoader() {
        return classLoader;
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
            List<CommandEngineFactory> engines = new ArrayList<>();
            ServiceLoader.load(CommandEngineFactory.class, classLoader).forEach(engines::add);
            return new StoreDatastoreProvider(store, engines);
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

    /** How to start a server of datastore type {@code type} here, when its adapter knows. */
    public static Optional<ServerLauncher> launcher(String type) {
        return Optional.ofNullable(findOrNull(ServerLauncher.class, ServerLauncher::type, type, "server launcher"));
    }

    /** The topology source {@code dyn_seed_provider} names. */
    public static TopologySourceProvider topologySource(String type) {
        return find(TopologySourceProvider.class, TopologySourceProvider::type, type, "topology source (dyn_seed_provider)");
    }

    public static CommandEngineFactory engine(String protocol) {
        return find(CommandEngineFactory.class, CommandEngineFactory::protocol, protocol, "command engine");
    }

    /** Names of every implementation of {@code spi} on the class path, sorted. */
    public static <T> List<String> available(Class<T> spi, Function<T, String> nameOf) {
        TreeSet<String> names = new TreeSet<>();
        for (T provider : ServiceLoader.load(spi, classLoader)) {
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
        for (T provider : ServiceLoader.load(spi, classLoader)) {
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
