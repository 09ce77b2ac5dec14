package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis sorted-set commands: registration, the single-key reads and ZREM here, the rest in
 * {@link ZAddCommand}, {@link ZRangeCommand}, {@link ZRemRangeCommands}, {@link ZPopCommands},
 * {@link ZSetAlgebra}, {@link ZRandMemberCommand} and {@link ZScanCommand}. A sorted set is one
 * stored entry ({@link Codec#encodeZSet}), decoded into a {@link ZSet} per command and rewritten
 * whole on change.
 */
final class ZSetCommands {

    private ZSetCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("zadd", ZAddCommand::zadd)
                .add("zincrby", ZAddCommand::zincrby)
                .add("zcard", c -> c.integer(size(load(c, c.arg(1)))))
                .add("zscore", ZSetCommands::zscore)
                .add("zmscore", ZSetCommands::zmscore)
                .add("zrank", c -> rank(c, false))
                .add("zrevrank", c -> rank(c, true))
                .add("zrem", ZSetCommands::zrem)
                .add("zcount", c -> count(c, ScoreRange.parse(c.arg(2), c.arg(3))))
                .add("zlexcount", c -> count(c, LexRange.parse(c.arg(2), c.arg(3))))
                .add("zrandmember", ZRandMemberCommand::run)
                .add("zscan", ZScanCommand::run);
        ZRangeCommand.register(r);
        ZRemRangeCommands.register(r);
        ZPopCommands.register(r);
        ZSetAlgebra.register(r);
    }

    /** The stored sorted set at {@code key}; null when absent; WRONGTYPE for other types. */
    static StoredValue stored(Call c, byte[] key) {
        return c.keyspace().get(key, ValueType.ZSET);
    }

    static ZSet decode(StoredValue v) {
        return v == null ? null : Codec.decodeZSet(v.payload());
    }

    /** The sorted set at {@code key}, null when absent; WRONGTYPE for other types. */
    static ZSet load(Call c, byte[] key) {
        return decode(stored(c, key));
    }

    private static int size(ZSet z) {
        return z == null ? 0 : z.size();
    }

    /** Writes a changed sorted set back keeping its TTL; deletes the key when it became empty. */
    static void save(Call c, byte[] key, StoredValue old, ZSet z) {
        if (z.isEmpty()) {
            c.keyspace().delete(key);
            return;
        }
        byte[] payload = Codec.encodeZSet(z);
        c.keyspace().put(key, old == null ? new StoredValue(ValueType.ZSET, 0, payload) : old.withPayload(payload));
    }

    /** A *STORE destination: replaced whatever it held (TTL dropped), or deleted when {@code z} is empty. */
    static void replace(Call c, byte[] key, ZSet z) {
        if (z.isEmpty()) {
            c.keyspace().delete(key);
        } else {
            c.keyspace().put(key, new StoredValue(ValueType.ZSET, 0, Codec.encodeZSet(z)));
        }
    }

    /** A score as Redis replies it. */
    static String score(double d) {
        return Numbers.formatDouble(d);
    }

    /** Members, each followed by its score when {@code withScores} (RESP2's flat form). */
    static List<Object> reply(List<ZSet.Entry> entries, boolean withScores) {
        List<Object> out = new ArrayList<>(entries.size() * (withScores ? 2 : 1));
        for (ZSet.Entry e : entries) {
            out.add(e.member().bytes());
            if (withScores) {
                out.add(score(e.score()));
            }
        }
        return out;
    }

    private static ByteBuf zscore(Call c) {
        ZSet z = load(c, c.arg(1));
        Double s = z == null ? null : z.score(new Bytes(c.arg(2)));
        return s == null ? c.nullBulk() : c.bulk(score(s));
    }

    private static ByteBuf zmscore(Call c) {
        ZSet z = load(c, c.arg(1));
        List<Object> out = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            Double s = z == null ? null : z.score(new Bytes(c.arg(i)));
            out.add(s == null ? null : score(s));
        }
        return c.array(out);
    }

    private static ByteBuf rank(Call c, boolean reverse) {
        ZSet z = load(c, c.arg(1));
        int rank = z == null ? -1 : z.rank(new Bytes(c.arg(2)), reverse);
        return rank < 0 ? c.nullBulk() : c.integer(rank);
    }

    private static ByteBuf zrem(Call c) {
        StoredValue v = stored(c, c.arg(1));
        if (v == null) {
            return c.integer(0);
        }
        ZSet z = decode(v);
        int removed = 0;
        for (int i = 2; i < c.argc() && !z.isEmpty(); i++) {
            removed += z.remove(new Bytes(c.arg(i))) ? 1 : 0;
        }
        if (removed > 0) {
            save(c, c.arg(1), v, z);
        }
        return c.integer(removed);
    }

    /** ZCOUNT and ZLEXCOUNT: the range is parsed (and refused) before the key is looked at. */
    private static ByteBuf count(Call c, ZSetRange range) {
        ZSet z = load(c, c.arg(1));
        return c.integer(z == null ? 0 : range.all(z.ascending()).size());
    }
}
