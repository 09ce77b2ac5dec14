package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code HRANDFIELD key [count [WITHVALUES]]}: one random field (bulk, nil for no key); or, with a
 * count, that many distinct fields (the whole hash when count exceeds its size), or with a
 * negative count |count| fields that may repeat. The count is checked before the syntax and the
 * key's type, as in Redis.
 */
final class HashRandomField {

    private HashRandomField() {
    }

    static ByteBuf run(Call c) {
        if (c.argc() == 2) {
            List<Map.Entry<Bytes, byte[]>> entries = entries(HashCommands.stored(c, c.arg(1)));
            return entries == null ? c.nullBulk() : c.bulk(entries.get(RandomPicks.one(entries.size())).getKey().bytes());
        }
        long count = CountArgs.symmetric(c, 2);
        if (c.argc() > 4 || (c.argc() == 4 && !c.option(3).equals("withvalues"))) {
            throw RedisError.syntax();
        }
        boolean withValues = c.argc() == 4;
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            // The reply would have 2 * |count| items.
            throw new RedisError("ERR value is out of range");
        }
        List<Map.Entry<Bytes, byte[]>> entries = entries(HashCommands.stored(c, c.arg(1)));
        if (entries == null || count == 0) {
            return c.array(List.of());
        }
        int[] picks = count < 0 ? RandomPicks.withRepeats(entries.size(), -count)
                : count >= entries.size() ? RandomPicks.all(entries.size()) : RandomPicks.distinct(entries.size(), count);
        List<Object> reply = new ArrayList<>(withValues ? picks.length * 2 : picks.length);
        for (Map.Entry<Bytes, byte[]> e : RandomPicks.select(entries, picks)) {
            reply.add(e.getKey());
            if (withValues) {
                reply.add(e.getValue());
            }
        }
        return c.array(reply);
    }

    private static List<Map.Entry<Bytes, byte[]>> entries(StoredValue v) {
        return v == null ? null : new ArrayList<>(Codec.decodeHash(v.payload()).entrySet());
    }
}
