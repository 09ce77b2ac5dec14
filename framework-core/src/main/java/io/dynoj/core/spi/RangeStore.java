package io.dynoj.core.spi;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A datastore's range-streaming capability, optional ({@link Datastore#rangeStore()}): the keys of a
 * token range with a digest of each value, their values in a portable form with absolute expiry, and
 * the import of such values. Anti-entropy repair compares replicas with it; warm-up and scale-out copy
 * ranges with it.
 *
 * <p>The value form is the protocol's: for Redis the DUMP payload (what RESTORE takes, the same from the
 * embedded engine and from redis-server), so an entry exported by one kind of datastore imports into
 * another of the same protocol. A digest is canonical: two datastores holding the same value (a hash
 * whose fields came in another order, a set encoded another way) give the same digest, and the absolute
 * expiry is part of it. Expired keys are left out.
 *
 * <p>Threading: every method may block (a scan of the store, a round trip to a server) and is called off
 * the event loops, from the node's streaming and repair threads, possibly several at once, while clients
 * go on reading and writing. Each import or delete is atomic per key with respect to client commands;
 * a scan sees each key once, in some state it had during the scan.
 */
public interface RangeStore {

    /**
     * One key of a range and the digest of its value (and expiry).
     *
     * @param writeTime the timestamp of the key's last write on a store that keeps them
     *     ({@link Datastore#keepsWriteTimes()}), 0 elsewhere; not part of the digest (two replicas holding the
     *     same value agree whatever their timestamps)
     * @param deleted whether the key is a tombstone: deleted by the write of {@code writeTime}, within the
     *     tombstone grace; its digest is 0. Only stores that keep write times list tombstones
     */
    record KeyDigest(long token, byte[] key, long digest, long writeTime, boolean deleted) {

        /** The order both sides of a comparison agree on: by token, then by key as unsigned bytes. */
        public static final Comparator<KeyDigest> ORDER = Comparator.comparingLong(KeyDigest::token)
                .thenComparing(KeyDigest::key, Arrays::compareUnsigned);

        /** A live key's digest, without a write time. */
        public KeyDigest(long token, byte[] key, long digest) {
            this(token, key, digest, 0, false);
        }
    }

    /**
     * One key's value in the protocol's portable form.
     *
     * @param expireAt absolute expiry in Unix milliseconds, 0 for none
     * @param writeTime the timestamp of the write that stored it, 0 for none; a store that keeps write times
     *     imports an entry with one only over an older write (last-write-wins)
     * @param deleted whether this is a tombstone (the key deleted at {@code writeTime}; empty value): importing it
     *     deletes the key where it holds an older write
     */
    record Entry(byte[] key, byte[] value, long expireAt, long writeTime, boolean deleted) {

        private static final byte[] NONE = new byte[0];

        /** A value without a write time. */
        public Entry(byte[] key, byte[] value, long expireAt) {
            this(key, value, expireAt, 0, false);
        }

        /** The tombstone of {@code key}, deleted by the write of timestamp {@code writeTime}. */
        public static Entry tombstone(byte[] key, long writeTime) {
            return new Entry(key, NONE, 0, writeTime, true);
        }

        /** Bytes it takes on the wire, roughly: what repair and warm-up count as streamed. */
        public long size() {
            return key.length + value.length + 8L;
        }
    }

    /**
     * Every live key of {@code range} with its digest, sorted by {@link KeyDigest#ORDER}.
     *
     * @param tokenOf the cluster's token of a key (its hash tag and hash), to select the range
     */
    List<KeyDigest> digests(TokenRange range, ToLongFunction<byte[]> tokenOf);

    /**
     * As {@link #digests}, and on a store that keeps write times its tombstones too ({@link KeyDigest#deleted()}),
     * what repair compares so that a delete a replica missed is not undone. The default: {@link #digests}.
     */
    default List<KeyDigest> digestsAndTombstones(TokenRange range, ToLongFunction<byte[]> tokenOf) {
        return digests(range, tokenOf);
    }

    /** Every live key of {@code range} with its value, to {@code out}, in no particular order. */
    void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out);

    /** The values of those of {@code keys} that exist, in the order of {@code keys}. */
    List<Entry> export(List<byte[]> keys);

    /**
     * Stores each entry, replacing what the key held (an entry whose expiry has passed deletes the key);
     * answers how many were stored. On a store that keeps write times an entry with a write time replaces only
     * an older write, and a {@linkplain Entry#deleted() tombstone} deletes the key (leaving the tombstone). Throws
     * {@link IllegalArgumentException} for a value that does not decode.
     */
    int importEntries(List<Entry> entries);

    /** Deletes {@code keys}; answers how many existed. */
    int delete(List<byte[]> keys);
}
