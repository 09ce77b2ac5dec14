package io.dynoj.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;

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

    public static DatastoreProvider datastore(String type) {
        return find(DatastoreProvider.class, DatastoreProvider::type, type, "datastore");
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
        if (match == null) {
            throw new IllegalStateException("no " + what + " adapter named '" + wanted + "' is installed; found: "
                    + available(spi, nameOf));
        }
        return match;
    }
}
