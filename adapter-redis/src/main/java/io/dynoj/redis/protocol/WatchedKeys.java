package io.dynoj.redis.protocol;

import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Redis's WATCH for a datastore many clients share, kept by the node whose datastore runs a key's writes
 * first (its primary). Why not WATCH on the datastore: a redis-server connection carries many clients'
 * commands, so a WATCH there would watch for all of them, and a watch registered only when the EXEC is
 * sent would see nothing of the writes made between the client's WATCH and its EXEC.
 *
 * <p>So this node counts writes: a version per stripe of keys (65,536 stripes by a hash of the key's bytes),
 * raised before every write to one of its keys reaches the datastore, and a flush counter raised by
 * FLUSHALL/FLUSHDB; in front of a server, which runs a write some time after it was sent, raised again when
 * the write is answered, and the write counted in flight meanwhile ({@link #sending}, {@link #done}). A client's WATCH becomes {@code DYNOJ WATCH <token> <key>...}, sent to the keys' primary,
 * which records the versions of their stripes under the token ({@link #watch}); the EXEC's unit carries the
 * token, and the primary runs it only when those versions have not moved since ({@link #unchanged}), else
 * answers a null array as Redis does. Writes to the keys through any node reach this primary, as do the
 * client's own writes, so any write between WATCH and EXEC aborts the EXEC. Two keys of one stripe make a
 * write to one abort a watch of the other (rare: a client retries, as after any conflict). A watch whose
 * keys' primary moved (a node down) is unknown to the new one: the EXEC aborts. Registrations are bounded
 * ({@value #MAX_WATCHES}, the oldest forgotten, and so aborted): a client that never sends EXEC leaks
 * nothing. Exact when the transaction's keys share their hash (one key, or one hash tag): its EXEC and
 * every write to them run on one lane of the primary, so no write slips between the check and the run.
 *
 * <p>Thread-safe: every event loop and worker lane of the node calls it.
 */
public final class WatchedKeys {

    static final int MAX_WATCHES = 65_536;
    private static final int STRIPES = 1 << 16;

    /** The stripe {@link #sending} names for a flush, which concerns every key. */
    private static final int EVERY_STRIPE = STRIPES;
    private static final int IN_FLIGHT_BITS = 24;
    private static final long VERSION_ONE = 1L << IN_FLIGHT_BITS;
    private static final long IN_FLIGHT_MASK = VERSION_ONE - 1;

    /**
     * Per stripe, then one for flushes: the version in the high bits, the writes in flight in the low
     * {@value #IN_FLIGHT_BITS}, so that a write touches one long (one atomic add, one cache line) when it is
     * sent and one when it is answered: every write of the node pays this, watched or not.
     */
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES + 1);
    private final Map<Long, long[]> watches = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > MAX_WATCHES;
        }
    };

    /**
     * {@code request} is about to run on a datastore that runs commands under its keys' locks (the engine,
     * which calls this with them held): a write moves the versions of its keys.
     */
    public void written(RedisRequest request) {
        if (request.kind() != RequestKind.WRITE) {
            return;
        }
        int keys = request.keyCount();
        if (keys == 0 && MultiKeyCommands.FLUSH_COMMANDS.contains(request.command())) {
            stripes.addAndGet(EVERY_STRIPE, VERSION_ONE);
            return;
        }
        for (int k = 0; k < keys; k++) {
            stripes.addAndGet(stripe(request.key(k)), VERSION_ONE);
        }
    }

    /**
     * A write of the key in {@code bytes[from..]} (a store key behind its prefix) is about to reach the
     * datastore, its lock held: as {@link #written(RedisRequest)} for one key, for writes that were staged
     * and are now committed as a group.
     */
    public void written(byte[] bytes, int from) {
        stripes.addAndGet(stripe(bytes, from), VERSION_ONE);
    }

    /**
     * {@code request} is about to be sent to a server, which runs it some time before its answer comes back:
     * a write moves its keys' versions and counts as in flight until {@link #done}, so that a watch checked
     * meanwhile fails (the client may have read its key before or after this write). Returns what to give
     * {@link #done}, or null for a request that writes nothing.
     */
    public int[] sending(RedisRequest request) {
        int[] moved = stripes(request);
        if (moved != null) {
            for (int stripe : moved) {
                stripes.addAndGet(stripe, VERSION_ONE + 1);
            }
        }
        return moved;
    }

    /** The write {@link #sending} returned {@code stripes} for was answered (or failed). */
    public void done(int[] moved) {
        for (int stripe : moved) {
            stripes.addAndGet(stripe, VERSION_ONE - 1);
        }
    }

    /** The stripes a write moves, or null for a request that writes nothing. */
    private static int[] stripes(RedisRequest request) {
        if (request.kind() != RequestKind.WRITE) {
            return null;
        }
        int keys = request.keyCount();
        if (keys == 0 && MultiKeyCommands.FLUSH_COMMANDS.contains(request.command())) {
            return new int[] {EVERY_STRIPE};
        }
        int[] moved = new int[keys];
        for (int k = 0; k < keys; k++) {
            moved[k] = stripe(request.key(k));
        }
        return moved;
    }

    /** Registers the watch request {@code DYNOJ WATCH <token> <key>...}: the versions its keys have now. */
    public void watch(RedisRequest watch) {
        int n = watch.keyCount();
        long[] seen = new long[2 + 2 * n];
        seen[0] = EVERY_STRIPE;
        seen[1] = stripes.get(EVERY_STRIPE);
        for (int k = 0; k < n; k++) {
            int stripe = stripe(watch.key(k));
            seen[2 + 2 * k] = stripe;
            seen[3 + 2 * k] = stripes.get(stripe);
        }
        long token = TransactionUnit.token(watch);
        synchronized (watches) {
            // WATCH after WATCH adds keys, each with the version it has now.
            long[] before = watches.get(token);
            if (before != null) {
                long[] merged = Arrays.copyOf(before, before.length + 2 * n);
                System.arraycopy(seen, 2, merged, before.length, 2 * n);
                seen = merged;
            }
            watches.put(token, seen);
        }
    }

    /**
     * Whether the unit may run: it watches nothing, or nothing it watches was written, or is being written,
     * since the watch. Forgets the watch (EXEC ends it, as in Redis).
     */
    public boolean unchanged(RedisRequest unit) {
        if (!unit.parts().watched()) {
            return true;
        }
        long[] seen;
        synchronized (watches) {
            seen = watches.remove(unit.parts().token());
        }
        if (seen == null) {
            return false;
        }
        for (int i = 0; i < seen.length; i += 2) {
            int stripe = (int) seen[i];
            long now = stripes.get(stripe);
            if (now != seen[i + 1] || (now & IN_FLIGHT_MASK) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Watches registered and not yet ended (tests). */
    int registered() {
        synchronized (watches) {
            return watches.size();
        }
    }

    static int stripe(ByteBuf key) {
        return spread(key.hashCode()); // Netty's ByteBufUtil.hashCode: the readable bytes, four at a time
    }

    /**
     * {@link #stripe(ByteBuf)} of {@code bytes[from..]}, computed on the array: the hash Netty's
     * {@code ByteBufUtil.hashCode} gives a big-endian buffer of those bytes (a group commit's keys would
     * otherwise each be wrapped in a buffer to be hashed).
     */
    static int stripe(byte[] bytes, int from) {
        int h = 1;
        int i = from;
        for (int ints = (bytes.length - from) >>> 2; ints > 0; ints--, i += 4) {
            h = 31 * h + ((bytes[i] << 24) | ((bytes[i + 1] & 0xff) << 16) | ((bytes[i + 2] & 0xff) << 8)
                    | (bytes[i + 3] & 0xff));
        }
        for (; i < bytes.length; i++) {
            h = 31 * h + bytes[i];
        }
        return spread(h == 0 ? 1 : h);
    }

    private static int spread(int hash) {
        int h = hash;
        h ^= h >>> 16;
        return (h * 0x9E3779B1 >>> 16) & (STRIPES - 1);
    }
}
