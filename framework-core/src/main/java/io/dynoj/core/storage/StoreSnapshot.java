package io.dynoj.core.storage;

/** A point-in-time view of an {@link OrderedStore}, held open until closed. */
public interface StoreSnapshot extends AutoCloseable {

    @Override
    void close();
}
