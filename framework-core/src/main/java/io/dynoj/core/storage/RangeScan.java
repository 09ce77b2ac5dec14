package io.dynoj.core.storage;

import io.dynoj.core.spi.TokenRange;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The walk an engine's {@link io.dynoj.core.spi.RangeStore} makes over its store for repair and warm-up: every
 * stored entry between two store keys whose key (the store key without the engine's prefix) has a token in a
 * range, handed over raw for the engine to decode. No lock: a store iterator sees each key once.
 */
public final class RangeScan {

    /** An entry found: its key, the key's token, and the stored bytes. */
    public interface Visitor {
        void visit(byte[] key, long token, byte[] raw);
    }

    private RangeScan() {
    }

    /** Visits the entries of {@code store} in {@code [from, to)} whose {@code keyOf} has its token in {@code range}. */
    public static void scan(OrderedStore store, byte[] from, byte[] to, Function<byte[], byte[]> keyOf,
                            TokenRange range, ToLongFunction<byte[]> tokenOf, Visitor visitor) {
        try (StoreIterator it = store.scan(null, from, to)) {
            while (it.next()) {
                byte[] key = keyOf.apply(it.key());
                long token = tokenOf.applyAsLong(key);
                if (range.contains(token)) {
                    visitor.visit(key, token, it.value());
                }
            }
        }
    }
}
