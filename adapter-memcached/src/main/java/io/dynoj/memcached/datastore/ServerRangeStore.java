package io.dynoj.memcached.datastore;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.memcached.protocol.PortableItem;
import io.dynoj.memcached.protocol.PortableItemDigest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A memcached server's items as a {@link RangeStore}: the keys from one {@code lru_crawler metadump hash} (the
 * server knows nothing of tokens: each key's token is computed here and keys outside the range skipped), then each
 * key's value, client flags and TTL by pipelined {@code mg <key> v f t} in batches of {@value #BATCH}; a key gone
 * meanwhile is left out. Values travel as {@link PortableItem}s, expiries as absolute ms (the server's clock plus
 * the TTL, exact to the second), digests are {@link PortableItemDigest}s. Import is pipelined {@code ms} with an
 * absolute exptime, or {@code md} for a tombstone or an expiry already past. The cas value never travels and a
 * server keeps no write times ({@code writeTime} 0: repair takes the majority's value).
 *
 * <p>What a scan misses: the crawler walks the hash table asynchronously, so an item written while it runs may or
 * may not be listed, as the SPI allows; the next repair sees it.
 *
 * <p>The metadump is read to its end before the first {@code mg}, so a call holds the keys of its range in memory
 * (as the digests it answers do anyway): fetching while the dump streams would make the crawler wait for this
 * reader (memcached 1.6 waits for a crawl's client as long as it takes), holding up every other crawl, the
 * server's own reclaiming of expired items included.
 *
 * <p>Threading: each call opens its own connection to the server and closes it, so calls from several threads do
 * not share one; they block the caller. memcached runs one crawl at a time: a second call's metadump waits for the
 * first ({@link BlockingMemcached#metadump}).
 */
final class ServerRangeStore implements RangeStore {

    private static final Logger log = LoggerFactory.getLogger(ServerRangeStore.class);
    static final int BATCH = 1000;

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private final LongSupplier clock;

    ServerRangeStore(InetSocketAddress address, long timeoutMillis, LongSupplier clock) {
        this.address = address;
        this.timeoutMillis = (int) Math.max(timeoutMillis, 5000);
        this.clock = clock;
    }

    @Override
    public List<KeyDigest> digests(TokenRange range, ToLongFunction<byte[]> tokenOf) {
        List<KeyDigest> out = new ArrayList<>();
        try (BlockingMemcached memcached = connect()) {
            List<byte[]> keys = new ArrayList<>();
            List<Long> tokens = new ArrayList<>();
            keysIn(memcached, range, tokenOf, keys, tokens);
            for (int from = 0; from < keys.size(); from += BATCH) {
                int to = Math.min(keys.size(), from + BATCH);
                BlockingMemcached.Fetched batch = memcached.fetch(keys.subList(from, to));
                for (int i = from; i < to; i++) {
                    MetaCodec.Item item = batch.items().get(i - from);
                    if (item != null) {
                        long digest = PortableItemDigest.of((int) item.flags(), item.data(), 0, item.data().length,
                                expireAt(batch.time(), item));
                        out.add(new KeyDigest(tokens.get(i), keys.get(i), digest));
                    }
                }
            }
        }
        out.sort(KeyDigest.ORDER);
        return out;
    }

    @Override
    public void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out) {
        try (BlockingMemcached memcached = connect()) {
            List<byte[]> keys = new ArrayList<>();
            keysIn(memcached, range, tokenOf, keys, new ArrayList<>());
            for (int from = 0; from < keys.size(); from += BATCH) {
                fetch(memcached, keys.subList(from, Math.min(keys.size(), from + BATCH))).forEach(out);
            }
        }
    }

    @Override
    public List<Entry> export(List<byte[]> keys) {
        List<Entry> out = new ArrayList<>(keys.size());
        try (BlockingMemcached memcached = connect()) {
            for (int from = 0; from < keys.size(); from += BATCH) {
                out.addAll(fetch(memcached, keys.subList(from, Math.min(keys.size(), from + BATCH))));
            }
        }
        return out;
    }

    @Override
    public int importEntries(List<Entry> entries) {
        for (Entry e : entries) {
            if (!e.deleted() && e.value().length < PortableItem.HEADER) {
                throw new IllegalArgumentException("not a portable memcached item: " + e.value().length + " bytes");
            }
        }
        int stored = 0;
        try (BlockingMemcached memcached = connect()) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                List<Entry> part = entries.subList(from, Math.min(entries.size(), from + BATCH));
                List<String> statuses = memcached.store(part, clock.getAsLong());
                for (int i = 0; i < statuses.size(); i++) {
                    String status = statuses.get(i);
                    if (status.equals("HD") || status.equals("NF")) {
                        stored++; // NF: an md of a key already absent did what was asked
                    } else {
                        log.warn("memcached at {} did not store a streamed item ({} bytes): {}", address,
                                part.get(i).value().length, status);
                    }
                }
            }
        }
        return stored;
    }

    @Override
    public int delete(List<byte[]> keys) {
        int deleted = 0;
        try (BlockingMemcached memcached = connect()) {
            for (int from = 0; from < keys.size(); from += BATCH) {
                deleted += memcached.delete(keys.subList(from, Math.min(keys.size(), from + BATCH)));
            }
        }
        return deleted;
    }

    private BlockingMemcached connect() {
        return new BlockingMemcached(address, timeoutMillis);
    }

    /** The keys of the metadump whose token is in {@code range}, each once, with their tokens. */
    private static void keysIn(BlockingMemcached memcached, TokenRange range, ToLongFunction<byte[]> tokenOf,
                               List<byte[]> keys, List<Long> tokens) {
        Set<ByteBuffer> seen = new HashSet<>();
        memcached.metadump(line -> {
            long token = tokenOf.applyAsLong(line.key());
            if (range.contains(token) && seen.add(ByteBuffer.wrap(line.key()))) {
                keys.add(line.key());
                tokens.add(token);
            }
        });
    }

    /** The items of {@code keys} the server holds, in order, as entries. */
    private static List<Entry> fetch(BlockingMemcached memcached, List<byte[]> keys) {
        BlockingMemcached.Fetched batch = memcached.fetch(keys);
        List<Entry> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            MetaCodec.Item item = batch.items().get(i);
            if (item != null) {
                out.add(new Entry(keys.get(i), PortableItem.encode(item.flags(), item.data()),
                        expireAt(batch.time(), item)));
            }
        }
        return out;
    }

    /** Absolute expiry in ms (0 for none): the server's clock, when the item was read, plus its TTL. */
    static long expireAt(long serverTime, MetaCodec.Item item) {
        return item.ttl() < 0 ? 0 : (serverTime + item.ttl()) * 1000;
    }
}
