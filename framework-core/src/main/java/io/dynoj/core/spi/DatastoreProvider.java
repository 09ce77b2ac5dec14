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

    /**
     * Checks the datastore's settings in {@code config} without opening anything (for
     * {@code dynoj check-config}); throws {@link IllegalArgumentException} naming what is wrong.
     */
    default void validate(io.dynoj.core.config.NodeConfig config) {
    }

    /** A new, not yet started datastore for one node. */
    Datastore create(DatastoreContext context);
}
