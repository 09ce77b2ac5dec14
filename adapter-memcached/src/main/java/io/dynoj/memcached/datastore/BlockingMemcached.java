package io.dynoj.memcached.datastore;

import io.dynoj.core.spi.RangeStore.Entry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A blocking text-protocol connection to a memcached server, for range streaming off the request path: the
 * crawler's {@code lru_crawler metadump hash}, and pipelined batches of meta commands ({@link MetaCodec}). Not
 * thread-safe: one per caller, closed after use.
 */
final class BlockingMemcached implements AutoCloseable {

    /** How long a metadump waits for another crawl (memcached's own background crawls included) to end. */
    static final long BUSY_WAIT_MILLIS = 120_000;
    /** Batches whose clock readings disagree are fetched again this many times, then taken as they are. */
    private static final int CLOCK_TRIES = 3;

    /**
     * Items fetched between two readings of the server's clock.
     *
     * @param time the server's clock in Unix seconds when every item was read ({@code STAT time})
     * @param items one per key asked, {@code null} where the server holds none
     */
    record Fetched(long time, List<MetaCodec.Item> items) {
    }

    private final InetSocketAddress address;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    BlockingMemcached(InetSocketAddress address, int timeoutMillis) {
        this.address = address;
        try {
            socket = new Socket();
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("memcached at " + address + " is not reachable: " + e.getMessage(), e);
        }
    }

    /**
     * Every item line of a metadump to {@code lines}, waiting (up to {@link #BUSY_WAIT_MILLIS}) while the server
     * answers {@code BUSY} because another crawl runs. The hash-table walk ({@code hash}) rather than the LRUs'
     * ({@code all}, the fallback of a memcached without it): items moving between LRUs while the crawler walks
     * them could be missed. A crawl is asynchronous: an item written while it runs may or may not be listed.
     *
     * @throws UncheckedIOException when the crawler is disabled ({@code -o no_lru_crawler}) or the connection fails
     * @throws IllegalStateException when the crawler stays busy
     */
    void metadump(Consumer<MetadumpLine> lines) {
        long deadline = System.nanoTime() + BUSY_WAIT_MILLIS * 1_000_000;
        long pause = 20;
        String what = "hash";
        try {
            while (true) {
                MetaCodec.metadump(out, what);
                out.flush();
                String busy = MetaCodec.readMetadump(in, lines);
                if (busy == null) {
                    return;
                }
                if (busy.startsWith("BADCLASS")) {
                    if (what.equals("all")) {
                        throw new IOException("memcached answered lru_crawler metadump all with '" + busy + "'");
                    }
                    what = "all"; // a memcached without the hash walk: the LRUs' will do
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("memcached at " + address + " kept answering lru_crawler metadump "
                            + "with '" + busy + "' for " + BUSY_WAIT_MILLIS / 1000 + " s");
                }
                Thread.sleep(pause); // the crawl running is memcached's: only time ends it
                pause = Math.min(1000, pause * 2);
            }
        } catch (IOException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while memcached's crawler was busy", e);
        }
    }

    /**
     * {@code mg v f t} of every key, pipelined between two {@code stats} (the server's clock): an item's expiry is
     * that clock plus its remaining TTL, exact to the second when both readings agree, which a batch is fetched
     * again to get (memcached's clock ticks once a second). Keys memcached cannot hold are answered absent unsent.
     */
    Fetched fetch(List<byte[]> keys) {
        try {
            for (int attempt = 1; ; attempt++) {
                MetaCodec.stats(out);
                for (byte[] key : keys) {
                    if (MetaCodec.storable(key)) {
                        MetaCodec.get(out, key);
                    }
                }
                MetaCodec.stats(out);
                out.flush();
                long before = MetaCodec.readStatsTime(in);
                List<MetaCodec.Item> items = new ArrayList<>(keys.size());
                for (byte[] key : keys) {
                    items.add(MetaCodec.storable(key) ? MetaCodec.readGet(in) : null);
                }
                long after = MetaCodec.readStatsTime(in);
                if (before == after || attempt == CLOCK_TRIES) {
                    return new Fetched(before, items);
                }
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * Stores each entry ({@code ms} with an absolute expiry), or deletes its key ({@code md}) for a tombstone or an
     * expiry at or before {@code nowMillis}; answers each status line in order ({@code HD} for done).
     */
    List<String> store(List<Entry> entries, long nowMillis) {
        try {
            List<Boolean> sent = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                boolean storable = MetaCodec.storable(e.key());
                sent.add(storable);
                if (!storable) {
                    continue;
                }
                if (e.deleted() || e.expireAt() != 0 && e.expireAt() <= nowMillis) {
                    MetaCodec.delete(out, e.key());
                } else {
                    MetaCodec.set(out, e.key(), io.dynoj.memcached.protocol.PortableItem.flags(e.value()),
                            io.dynoj.memcached.protocol.PortableItem.data(e.value()), exptime(e.expireAt()));
                }
            }
            out.flush();
            List<String> statuses = new ArrayList<>(entries.size());
            for (boolean s : sent) {
                statuses.add(s ? MetaCodec.readStatus(in) : "CLIENT_ERROR key length");
            }
            return statuses;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** {@code md} of each key, pipelined; answers how many the server held. */
    int delete(List<byte[]> keys) {
        try {
            int sent = 0;
            for (byte[] key : keys) {
                if (MetaCodec.storable(key)) {
                    MetaCodec.delete(out, key);
                    sent++;
                }
            }
            out.flush();
            int deleted = 0;
            for (int i = 0; i < sent; i++) {
                if (MetaCodec.readStatus(in).equals("HD")) {
                    deleted++;
                }
            }
            return deleted;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * memcached's exptime for an absolute expiry in ms: whole seconds, rounded up so an item never expires before
     * its time; 0 for none.
     */
    static long exptime(long expireAtMillis) {
        return expireAtMillis == 0 ? 0 : Math.floorDiv(expireAtMillis + 999, 1000);
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("memcached at " + address + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }
}
