package io.dynoj.core.storage;

/**
 * A cursor over entries in key order. Use: {@code while (it.next()) { it.key(); it.value(); }}.
 * Not thread-safe; close it when done (it may pin files or a database connection).
 */
public interface StoreIterator extends AutoCloseable {

    /** Moves to the next entry; false when there is none. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
