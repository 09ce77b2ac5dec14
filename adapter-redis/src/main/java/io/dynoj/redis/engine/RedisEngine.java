package io.dynoj.redis.engine;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.spi.Request;
import io.dynoj.core.storage.CommandEngine;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.KeyLocks;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreBatch;
import io.dynoj.core.storage.StoreIterator;
import io.dynoj.redis.protocol.IdempotentWrites;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.FixedReplies;
import io.dynoj.redis.protocol.RespArgs;
import io.dynoj.redis.protocol.TransactionUnit;
import io.dynoj.redis.protocol.WatchedKeys;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Redis commands over an {@link OrderedStore}. Each command runs with its keys' stripe locks held
 * ({@link KeyLocks}), so commands on one key are atomic and commands on different keys run in
 * parallel on the node's threads. A transaction unit runs with the locks of all its keys held
 * ({@link TransactionRun}).
 */
public final class RedisEngine implements CommandEngine {

    private final Keyspace keyspace;
    private final KeyLocks locks = new KeyLocks(4096);
    private final WatchedKeys watches = new WatchedKeys();
    private final CommandRegistry registry;
    private final EngineState state;
    private final String storeType;
    private volatile byte[] sweepFrom = Keyspace.firstStoreKey();
    private final EngineRangeStore ranges;

    public RedisEngine(OrderedStore store, EngineSettings settings, LongSupplier clock) {
        this(store, settings, clock, new MetricRegistry());
    }

    /** An engine whose INFO reports the node's figures from {@code metrics}. */
    public RedisEngine(OrderedStore store, EngineSettings settings, LongSupplier clock, MetricRegistry metrics) {
        this.keyspace = new Keyspace(store, clock, settings.tombstoneGraceMillis());
        this.registry = CommandRegistry.standard();
        this.storeType = settings.storeType();
        this.state = new EngineState(storeType, locks, new ConfigValues(settings), new EngineStats(metrics, clock.getAsLong()));
        this.ranges = new EngineRangeStore(keyspace, locks);
    }

    @Override
    public io.dynoj.core.spi.RangeStore rangeStore() {
        return ranges;
    }

    /** The engine's keys, for tests that look at what is stored (the engine caches values). */
    Keyspace keyspace() {
        return keyspace;
    }

    @Override
    public ByteBuf execute(Request request, ByteBufAllocator alloc) {
        RedisRequest redis = (RedisRequest) request;
        if (redis.parts() != null) {
            return TransactionRun.run(this, redis, alloc);
        }
        if (redis.spec() == TransactionUnit.WATCH) {
            watches.watch(redis);
            return FixedReplies.ok();
        }
        if (PlainCommands.isGet(redis)) {
            ByteBuf reply = plainGet(redis, alloc);
            if (reply != null) {
                return reply;
            }
        }
        byte[][] set = PlainCommands.plainSet(redis, Integer.MAX_VALUE);
        if (set != null) {
            return plainSet(redis, set);
        }
        String name = redis.command();
        byte[][] args = RespArgs.parse(redis.frame());
        Call call = new Call(args, keyspace.at(redis.writeTime()), alloc, state, redis);
        Command command = registry.find(name);
        if (command == null) {
            return call.error("ERR command '" + name + "' is not supported by the '" + storeType + "' datastore");
        }
        int[] locked = lockKeys(redis);
        try {
            if (stale(redis)) {
                // A replayed hint or a key copy older than what the keys hold: the newer write wins.
                return FixedReplies.ok();
            }
            watches.written(redis);
            return command.run(call);
        } catch (RedisError e) {
            return call.error(e.getMessage());
        } finally {
            locks.unlockAll(locked);
        }
    }

    private ByteBuf plainGet(RedisRequest redis, ByteBufAllocator alloc) {
        int stripe = locks.stripe(redis.key(0));
        locks.lock(stripe);
        try {
            return PlainCommands.get(redis, keyspace, alloc);
        } finally {
            locks.unlock(stripe);
        }
    }

    /** A plain {@code SET key value} not staged (a large value, or no group commit): stored now, value copied once. */
    private ByteBuf plainSet(RedisRequest redis, byte[][] set) {
        int stripe = locks.stripe(redis.key(0));
        locks.lock(stripe);
        try {
            watches.written(redis);
            keyspace.at(redis.writeTime()).putEncoded(set[0], set[1]);
            return FixedReplies.ok();
        } finally {
            locks.unlock(stripe);
        }
    }

    /**
     * Stages a plain {@code SET key value}: nothing is read, the reply is always {@code +OK}, so the write can
     * wait for its group's commit ({@link #commitStaged}) without holding the key's lock meanwhile.
     */
    @Override
    public ByteBuf stage(Request request, StoreBatch group, ByteBufAllocator alloc) {
        byte[][] write = PlainCommands.plainSet((RedisRequest) request, PlainCommands.MAX_STAGED_VALUE);
        if (write == null) {
            return null;
        }
        group.put(write[0], write[1]);
        return FixedReplies.ok();
    }

    /**
     * Writes a group of staged SETs with all their keys' locks held (taken in stripe order, so no deadlock),
     * moving their watch versions first as {@link #execute} does before any write.
     */
    @Override
    public void commitStaged(StoreBatch group) {
        List<StoreBatch.Op> ops = group.ops();
        int[] stripes = new int[ops.size()];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = locks.stripe(ops.get(i).key(), 1);
        }
        int[] locked = locks.lockAll(stripes);
        try {
            for (StoreBatch.Op op : ops) {
                watches.written(op.key(), 1);
            }
            keyspace.writeStaged(group);
        } finally {
            locks.unlockAll(locked);
        }
    }

    /**
     * Whether {@code request} is a guarded write ({@link io.dynoj.core.spi.Request#writeTimeGuarded()}) and one of
     * its keys holds a newer write, or the same write time and the request would change the key again if applied
     * twice (an INCR that was applied already). An idempotent write of the key's own write time is applied: a key
     * copy of the primary's state at that time also brings what this replica missed before it. Keys locked.
     */
    boolean stale(RedisRequest request) {
        if (!request.writeTimeGuarded()) {
            return false;
        }
        boolean idempotent = IdempotentWrites.isIdempotent(request);
        for (int i = 0; i < request.keyCount(); i++) {
            long held = keyspace.writeTimeOf(io.netty.buffer.ByteBufUtil.getBytes(request.key(i)));
            if (held > request.writeTime() || held == request.writeTime() && !idempotent) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean keepsWriteTimes() {
        return true;
    }

    /** What WATCH registered and what writes moved since ({@link TransactionRun}). */
    WatchedKeys watches() {
        return watches;
    }

    int[] lockKeys(RedisRequest request) {
        int n = request.keyCount();
        int[] stripes = new int[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = locks.stripe(request.key(i));
        }
        return locks.lockAll(stripes);
    }

    void unlock(int[] locked) {
        locks.unlockAll(locked);
    }

    @Override
    public int removeExpired(int budget) {
        long now = keyspace.now();
        int removed = 0;
        int seen = 0;
        byte[] last = null;
        try (StoreIterator it = keyspace.store().scan(null, sweepFrom, Keyspace.endStoreKey())) {
            while (seen < budget && it.next()) {
                seen++;
                last = it.key();
                byte[] raw = it.value();
                if (StoredValue.isTombstone(raw)) {
                    removed += keyspace.tombstoneExpired(raw, now) && removeTombstone(Keyspace.redisKey(last)) ? 1 : 0;
                    continue;
                }
                long expireAt = StoredValue.expireAtOf(raw);
                if (expireAt != 0 && expireAt <= now) {
                    removed += removeIfExpired(Keyspace.redisKey(last)) ? 1 : 0;
                }
            }
        }
        // Resume after the last key seen; start over at the end of the keyspace.
        sweepFrom = seen < budget || last == null ? Keyspace.firstStoreKey() : successor(last);
        return removed;
    }

    private boolean removeIfExpired(byte[] key) {
        int stripe = locks.stripe(key);
        locks.lock(stripe);
        try {
            // get() deletes the key when it is (still) expired.
            return keyspace.get(key) == null;
        } finally {
            locks.unlock(stripe);
        }
    }

    /** Removes the tombstone of {@code key} once its grace has passed (it may have been written since). */
    private boolean removeTombstone(byte[] key) {
        int stripe = locks.stripe(key);
        locks.lock(stripe);
        try {
            return keyspace.removeOldTombstone(key);
        } finally {
            locks.unlock(stripe);
        }
    }

    static byte[] successor(byte[] key) {
        byte[] next = java.util.Arrays.copyOf(key, key.length + 1);
        return next;
    }
}
