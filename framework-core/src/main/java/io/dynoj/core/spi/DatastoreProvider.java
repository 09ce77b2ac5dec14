package io.dynoj.core.spi;

import java.util.Set;

/**
 * Makes {@link Datastore}s of one type. Found with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(DatastoreProvider.class)}) and chosen by {@link #type()}. Thread-safe.
 */
public interface DatastoreProvider {

    /** The name configuration uses for this datastore type, e.g. {@code "redis"}. */
    String type();

    /** The {@link ProtocolAdapter#name() protocols} this datastore can serve. */
    Set<String> protocols();

    /** A new, not yet started datastore for one node. */
    Datastore create(DatastoreContext context);
}
