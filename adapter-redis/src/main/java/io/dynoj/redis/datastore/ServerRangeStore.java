package io.dynoj.redis.datastore;

import static io.dynoj.redis.datastore.BlockingResp.bytes;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.TokenRange;
import io.dynoj.redis.engine.CanonicalDigest;
import io.dynoj.redis.engine.StoredValue;
import io.dynoj.redis.engine.rdb.RdbCodec;
import io.dynoj.redis.engine.rdb.RdbFormatException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A redis-server's keys as a {@link RangeStore}: {@code SCAN} over the whole keyspace, each key's token
 * computed here and keys outside the range skipped (redis-server knows nothing of tokens), then
 * {@code DUMP} and {@code PEXPIRETIME} pipelined for the keys inside; import by
 * {@code RESTORE key <expire-at> <payload> REPLACE ABSTTL}. Digests are canonical: the DUMP payload is
 * decoded ({@link RdbCodec}) and hashed by {@link CanonicalDigest}, since two servers holding the same hash
 * may encode it differently (listpack or hashtable, fields in another order). A stream, which
 * {@link RdbCodec} does not decode, is digested by its raw payload: equal streams on servers that encode
 * them alike compare equal, others are streamed again (harmless).
 *
 * <p>Threading: each call opens its own connection to the server and closes it, so calls from several
 * threads do not share one; they block the caller.
 */
final class ServerRangeStore implements RangeStore {

    private static final int BATCH = 1000;

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private final BackendCredentials credentials;

    /** @param credentials what the node's backend connections AUTH with, or null */
    ServerRangeStore(InetSocketAddress address, long timeoutMillis, BackendCredentials credentials) {
        this.address = address;
        this.timeoutMillis = (int) Math.max(timeoutMillis, 5000);
        this.credentials = credentials;
    }

    @Override
    public List<KeyDigest> digests(TokenRange range, ToLongFunction<byte[]> tokenOf) {
        List<KeyDigest> out = new ArrayList<>();
        try (BlockingResp redis = connect()) {
            scan(redis, range, tokenOf, (keys, tokens) -> {
                List<Entry> entries = dump(redis, keys);
                for (int i = 0, j = 0; i < keys.size() && j < entries.size(); i++) {
                    if (entries.get(j).key() == keys.get(i)) {
                        out.add(new KeyDigest(tokens.get(i), keys.get(i), digest(entries.get(j++))));
                    }
                }
            });
        }
        out.sort(KeyDigest.ORDER);
        return out;
    }

    @Override
    public void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out) {
        try (BlockingResp redis = connect()) {
            scan(redis, range, tokenOf, (keys, tokens) -> dump(redis, keys).forEach(out));
        }
    }

    @Override
    public List<Entry> export(List<byte[]> keys) {
        try (BlockingResp redis = connect()) {
            return dump(redis, keys);
        }
    }

    @Override
    public int importEntries(List<Entry> entries) {
        List<byte[][]> commands = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            commands.add(new byte[][] {bytes("RESTORE"), e.key(), bytes(Long.toString(e.expireAt())), e.value(),
                bytes("REPLACE"), bytes("ABSTTL")});
        }
        int stored = 0;
        try (BlockingResp redis = connect()) {
            for (Object reply : redis.pipeline(commands)) {
                if (reply instanceof BlockingResp.Error error) {
                    throw new IllegalArgumentException("redis-server refused a streamed key: " + error.message());
                }
                stored++;
            }
        }
        return stored;
    }

    @Override
    public int delete(List<byte[]> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        byte[][] command = new byte[keys.size() + 1][];
        command[0] = bytes("DEL");
        for (int i = 0; i < keys.size(); i++) {
            command[i + 1] = keys.get(i);
        }
        try (BlockingResp redis = connect()) {
            return redis.call(command) instanceof Long n ? n.intValue() : 0;
        }
    }

    private BlockingResp connect() {
        BlockingResp redis = new BlockingResp(address, timeoutMillis);
        if (credentials != null) {
            Object reply = credentials.user() == null
                    ? redis.call(bytes("AUTH"), credentials.password().bytes())
                    : redis.call(bytes("AUTH"), bytes(credentials.user()), credentials.password().bytes());
            if (reply instanceof BlockingResp.Error error) {
                redis.close();
                throw new IllegalStateException("redis-server at " + address + " refused AUTH: " + error.message());
            }
        }
        return redis;
    }

    private interface Page {
        void keys(List<byte[]> keys, List<Long> tokens);
    }

    /** Every key of the server in the range, a SCAN page at a time. */
    private static void scan(BlockingResp redis, TokenRange range, ToLongFunction<byte[]> tokenOf, Page page) {
        String cursor = "0";
        do {
            Object reply = redis.call(bytes("SCAN"), bytes(cursor), bytes("COUNT"), bytes(Integer.toString(BATCH)));
            if (!(reply instanceof List<?> parts) || parts.size() != 2) {
                throw new IllegalStateException("redis-server answered SCAN with " + reply);
            }
            cursor = new String((byte[]) parts.get(0), java.nio.charset.StandardCharsets.US_ASCII);
            List<byte[]> keys = new ArrayList<>();
            List<Long> tokens = new ArrayList<>();
            for (Object k : (List<?>) parts.get(1)) {
                byte[] key = (byte[]) k;
                long token = tokenOf.applyAsLong(key);
                if (range.contains(token)) {
                    keys.add(key);
                    tokens.add(token);
                }
            }
            if (!keys.isEmpty()) {
                page.keys(keys, tokens);
            }
        } while (!cursor.equals("0"));
    }

    /** The keys that still exist, with their DUMP payloads and absolute expiry, in the order of {@code keys}. */
    private static List<Entry> dump(BlockingResp redis, List<byte[]> keys) {
        List<Entry> out = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<byte[]> part = keys.subList(from, Math.min(keys.size(), from + BATCH));
            List<byte[][]> commands = new ArrayList<>(2 * part.size());
            for (byte[] key : part) {
                commands.add(new byte[][] {bytes("DUMP"), key});
                commands.add(new byte[][] {bytes("PEXPIRETIME"), key});
            }
            List<Object> replies = redis.pipeline(commands);
            for (int i = 0; i < part.size(); i++) {
                if (replies.get(2 * i) instanceof byte[] payload && replies.get(2 * i + 1) instanceof Long at && at != -2) {
                    out.add(new Entry(part.get(i), payload, Math.max(at, 0)));
                }
            }
        }
        return out;
    }

    private static long digest(Entry e) {
        try {
            StoredValue value = RdbCodec.decode(e.value());
            return CanonicalDigest.of(value.withExpireAt(e.expireAt()));
        } catch (RdbFormatException unsupported) {
            return CanonicalDigest.ofRaw(e.value(), e.expireAt());
        }
    }
}
