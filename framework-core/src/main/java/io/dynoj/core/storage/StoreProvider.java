package io.dynoj.core.storage;

import io.dynoj.core.config.ConfigSection;

/**
 * Opens {@link OrderedStore}s of one type ({@code "leveldb"}, {@code "mysql"}...). Found with
 * {@link java.util.ServiceLoader} (register with {@code @AutoService(StoreProvider.class)}); a store
 * type is also a datastore type: {@code datastore: leveldb} in the configuration picks it, and the
 * node serves its protocol from it through that protocol's {@link CommandEngine}. Thread-safe.
 */
public interface StoreProvider {

    /** The name configuration uses for this store, e.g. {@code "leveldb"}. */
    String type();

    /**
     * Checks the store's own config section ({@link StoreContext#options()}) without opening
     * anything; throws {@link IllegalArgumentException} naming what is wrong.
     */
    default void validate(ConfigSection options) {
    }

    /**
     * Opens (creating when missing) the node's store. Throws {@link StoreException} or
     * {@link IllegalArgumentException} (bad options) with a message naming what is wrong.
     */
    OrderedStore open(StoreContext context);
}
