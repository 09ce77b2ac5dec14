package io.dynoj.core.spi;

import io.dynoj.core.config.DatastoreSettings;
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
     * Checks the datastore's settings without opening anything (for {@code dynoj check-config} and
     * before {@link #create}); throws {@link IllegalArgumentException} naming what is wrong.
     */
    default void validate(DatastoreSettings settings) {
    }

    /**
     * A new, not yet started datastore for one node. Throws {@link IllegalArgumentException} when
     * {@link DatastoreContext#settings()} do not {@link #validate}.
     */
    Datastore create(DatastoreContext context);
}
