package io.dynoj.redis.engine;

import io.dynoj.core.storage.KeyLocks;
import io.dynoj.core.storage.StoreIterator;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Commands over every key of the node: SCAN, KEYS, RANDOMKEY, DBSIZE, FLUSHALL, FLUSHDB. */
final class ScanCommands {

    private ScanCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("scan", ScanCommands::scan)
                .add("keys", ScanCommands::keys)
                .add("randomkey", ScanCommands::randomKey)
                .add("dbsize", ScanCommands::dbSize)
                .add("flushall", ScanCommands::flush)
                .add("flushdb", ScanCommands::flush);
    }

    private static ByteBuf scan(Call c) {
        byte[] from = Keyspace.firstStoreKey();
        Long cursor = Numbers.tryParseLong(c.arg(1));
        if (cursor == null || cursor < 0) {
            throw new RedisError("ERR invalid cursor");
        }
        if (cursor != 0) {
            byte[] last = c.state().cursor(cursor);
            if (last == null) {
                throw new RedisError("ERR invalid cursor");
            }
            from = RedisEngine.successor(last);
        }
        Glob pattern = null;
        String type = null;
        long count = 10;
        for (int i = 2; i < c.argc(); i++) {
            String opt = c.option(i);
            if (i + 1 >= c.argc()) {
                throw RedisError.syntax();
            }
            switch (opt) {
                case "match" -> pattern = Glob.of(c.arg(++i));
                case "type" -> type = c.option(++i);
                case "count" -> {
                    count = c.longArg(++i);
                    if (count < 1) {
                        throw RedisError.syntax();
                    }
                }
                default -> throw RedisError.syntax();
            }
        }
        List<Object> keys = new ArrayList<>();
        byte[] lastSeen = null;
        boolean more = false;
        long now = c.now();
        try (StoreIterator it = c.keyspace().store().scan(null, from, Keyspace.endStoreKey())) {
            long seen = 0;
            while (it.next()) {
                if (seen == count) {
                    more = true;
                    break;
                }
                seen++;
                lastSeen = it.key();
                byte[] key = Keyspace.redisKey(lastSeen);
                if (matches(it.value(), key, pattern, type, now)) {
                    keys.add(key);
                }
            }
        }
        long next = more ? c.state().saveCursor(lastSeen) : 0;
        return c.array(List.of(Long.toString(next), keys));
    }

    private static boolean matches(byte[] stored, byte[] key, Glob pattern, String type, long now) {
        StoredValue v = StoredValue.decode(stored);
        if (v.expiredAt(now)) {
            return false;
        }
        if (type != null && !v.type().typeName().equals(type)) {
            return false;
        }
        return pattern == null || pattern.matches(key);
    }

    private static ByteBuf keys(Call c) {
        List<Object> keys = new ArrayList<>();
        Glob pattern = Glob.of(c.arg(1));
        forEachLiveKey(c, (key, value) -> {
            if (pattern.matches(key)) {
                keys.add(key);
            }
        });
        return c.array(keys);
    }

    private static ByteBuf randomKey(Call c) {
        List<byte[]> keys = new ArrayList<>();
        forEachLiveKey(c, (key, value) -> keys.add(key));
        if (keys.isEmpty()) {
            return c.nullBulk();
        }
        return c.bulk(keys.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(keys.size())));
    }

    private static ByteBuf dbSize(Call c) {
        long[] n = {0};
        forEachLiveKey(c, (key, value) -> n[0]++);
        return c.integer(n[0]);
    }

    private static ByteBuf flush(Call c) {
        for (int i = 1; i < c.argc(); i++) {
            String opt = c.option(i);
            if (!opt.equals("async") && !opt.equals("sync")) {
                throw RedisError.syntax();
            }
        }
        List<byte[]> keys = new ArrayList<>();
        forEachLiveKey(c, (key, value) -> keys.add(key));
        KeyLocks locks = c.state().locks();
        for (byte[] key : keys) {
            int stripe = locks.stripe(key);
            locks.lock(stripe);
            try {
                c.keyspace().delete(key);
            } finally {
                locks.unlock(stripe);
            }
        }
        return c.ok();
    }

    private interface KeyVisitor {
        void visit(byte[] key, StoredValue value);
    }

    private static void forEachLiveKey(Call c, KeyVisitor visitor) {
        long now = c.now();
        try (StoreIterator it = c.keyspace().store().scan(null, Keyspace.firstStoreKey(), Keyspace.endStoreKey())) {
            while (it.next()) {
                StoredValue v = StoredValue.decode(it.value());
                if (!v.expiredAt(now)) {
                    visitor.visit(Keyspace.redisKey(it.key()), v);
                }
            }
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
