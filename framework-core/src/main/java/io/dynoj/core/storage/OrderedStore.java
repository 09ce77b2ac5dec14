package io.dynoj.core.storage;

/**
 * The storage SPI: an ordered map from byte keys to byte values, the one thing a new embedded or
 * database-backed datastore implements to serve every protocol Dynoj speaks (the command engines of
 * the protocol adapters do the rest).
 *
 * <p>Keys compare as unsigned bytes, lexicographically (LevelDB's default order). Values are opaque.
 * Arrays passed in are not kept and may be reused by the caller once the call returns; arrays
 * returned belong to the caller.
 *
 * <p>Threading: every method may be called from many threads at once. Single operations and
 * {@link #write(StoreBatch) batches} are atomic; a command engine serialises commands on the same
 * key itself (see {@link KeyLocks}), so a store needs no locking of its own beyond that.
 * When {@link #blocking()} is false the engine calls the store on the node's I/O threads, so each
 * call must finish in microseconds; a store that waits on a network (a database) says
 * {@code blocking() == true} and is called from worker threads instead.
 *
 * <p>Failures are reported as {@link StoreException}; the client sees them as its protocol's error.
 */
public interface OrderedStore extends AutoCloseable {

    /** The value of {@code key}, or {@code null}. */
    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    /** Removes {@code key}; no effect when absent. */
    void delete(byte[] key);

    /** Applies every operation of {@code batch} atomically, in order. */
    void write(StoreBatch batch);

    /** A consistent point-in-time view for {@link #scan}. Close it when done. */
    StoreSnapshot snapshot();

    /**
     * Entries with {@code from <= key < to} in key order, as of {@code snapshot} ({@code null}: the
     * store as it is while iterating). A {@code null} bound is open. Close the iterator when done.
     */
    StoreIterator scan(StoreSnapshot snapshot, byte[] from, byte[] to);

    /** True when calls wait on I/O long enough that they must not run on an event loop. */
    default boolean blocking() {
        return false;
    }

    /**
     * For a {@link #blocking()} store: how many commands it wants in flight at once (the node runs
     * at least this many worker threads, more when {@code datastore_connections} says so). A store
     * that batches concurrent writes (group commit) needs several to batch anything.
     */
    default int concurrency() {
        return 1;
    }

    /** A one-line description for the log, e.g. {@code "LevelDB (native leveldbjni) at data/leveldb"}. */
    String describe();

    /** Flushes and releases files and connections. Idempotent. */
    @Override
    void close();
}
