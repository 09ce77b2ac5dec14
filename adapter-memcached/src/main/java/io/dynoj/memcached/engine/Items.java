package io.dynoj.memcached.engine;

import io.dynoj.core.storage.OrderedStore;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The memcached items of one node in an {@link OrderedStore}. Store keys are the memcached key behind
 * a one-byte prefix {@value #DATA}; the engine's own entries (cas ceiling, flush state) live under
 * {@value #ENGINE}. Reads never return an expired or flushed item: they delete it instead. Callers hold
 * the key's lock ({@link MemcachedEngine} does).
 */
final class Items {

    static final byte DATA = 'k';
    static final byte ENGINE = 'e';

    private final OrderedStore store;
    private final LongSupplier clock;
    private final CasSequence cas;
    private final FlushState flush;
    private final long maxItemBytes;

    /** {@code maxItemBytes}: appends past this size are refused (NOT_STORED), as memcached refuses them. */
    Items(OrderedStore store, LongSupplier clock, long maxItemBytes) {
        this.store = store;
        this.clock = clock;
        this.maxItemBytes = maxItemBytes;
        this.cas = new CasSequence(store, engineKey("cas-ceiling"), clock.getAsLong());
        this.flush = new FlushState(store, engineKey("flush"));
    }

    OrderedStore store() {
        return store;
    }

    long now() {
        return clock.getAsLong();
    }

    long nextCas() {
        return cas.next();
    }

    long maxItemBytes() {
        return maxItemBytes;
    }

    CasSequence casSequence() {
        return cas;
    }

    FlushState flush() {
        return flush;
    }

    /** The live item under {@code storeKey}, or {@code null} (an expired or flushed one is deleted). */
    Item get(byte[] storeKey) {
        byte[] raw = store.get(storeKey);
        if (raw == null) {
            return null;
        }
        Item item = Item.decode(raw);
        if (!visible(item.expireAt(), item.cas(), now())) {
            store.delete(storeKey);
            return null;
        }
        return item;
    }

    boolean visible(long expireAt, long itemCas, long nowMillis) {
        return (expireAt == 0 || expireAt > nowMillis) && !flush.flushed(itemCas);
    }

    /** Stores {@code item}; one that is already expired (negative exptime) just removes the key. */
    void put(byte[] storeKey, Item item) {
        if (item.expiredAt(now())) {
            store.delete(storeKey);
        } else {
            store.put(storeKey, item.encoded());
        }
    }

    void delete(byte[] storeKey) {
        store.delete(storeKey);
    }

    static byte[] storeKey(ByteBuf key) {
        byte[] k = new byte[key.readableBytes() + 1];
        k[0] = DATA;
        key.getBytes(key.readerIndex(), k, 1, key.readableBytes());
        return k;
    }

    /** Writes the memcached key of a store key. */
    static void writeKey(ByteBuf out, byte[] storeKey) {
        out.writeBytes(storeKey, 1, storeKey.length - 1);
    }

    static byte[] firstStoreKey() {
        return new byte[] {DATA};
    }

    static byte[] endStoreKey() {
        return new byte[] {DATA + 1};
    }

    private static byte[] engineKey(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] k = new byte[n.length + 1];
        k[0] = ENGINE;
        System.arraycopy(n, 0, k, 1, n.length);
        return k;
    }
}
