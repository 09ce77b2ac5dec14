package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code SPOP key [count]} and {@code SRANDMEMBER key [count]}. Without a count: one member (bulk),
 * nil for no key. With a count (checked before the key's type, as in Redis): distinct members, the
 * whole set when count exceeds its size; SRANDMEMBER's negative count gives |count| members that
 * may repeat. A SPOP that empties the set deletes the key.
 */
final class SetRandom {

    private SetRandom() {
    }

    static void register(CommandRegistry r) {
        r.add("spop", SetRandom::spop).add("srandmember", SetRandom::srandmember);
    }

    private static ByteBuf spop(Call c) {
        if (c.argc() > 3) {
            throw RedisError.syntax();
        }
        long count = c.argc() == 3 ? CountArgs.nonNegative(c, 2, "ERR value is out of range, must be positive") : -1;
        StoredValue old = SetCommands.stored(c, c.arg(1));
        if (old == null) {
            return count < 0 ? c.nullBulk() : c.array(List.of());
        }
        if (count == 0) {
            return c.array(List.of());
        }
        LinkedHashSet<Bytes> set = SetCommands.members(old);
        List<Bytes> members = new ArrayList<>(set);
        int[] picks = count < 0 ? new int[] {RandomPicks.one(members.size())}
                : count >= members.size() ? RandomPicks.all(members.size())
                : RandomPicks.distinct(members.size(), count);
        List<Bytes> popped = RandomPicks.select(members, picks);
        popped.forEach(set::remove);
        SetCommands.store(c, c.arg(1), old, set);
        return count < 0 ? c.bulk(popped.get(0).bytes()) : c.array(popped);
    }

    private static ByteBuf srandmember(Call c) {
        if (c.argc() > 3) {
            throw RedisError.syntax();
        }
        if (c.argc() == 2) {
            StoredValue v = SetCommands.stored(c, c.arg(1));
            if (v == null) {
                return c.nullBulk();
            }
            List<Bytes> members = new ArrayList<>(SetCommands.members(v));
            return c.bulk(members.get(RandomPicks.one(members.size())).bytes());
        }
        long count = CountArgs.symmetric(c, 2);
        StoredValue v = SetCommands.stored(c, c.arg(1));
        if (v == null || count == 0) {
            return c.array(List.of());
        }
        List<Bytes> members = new ArrayList<>(SetCommands.members(v));
        int[] picks = count < 0 ? RandomPicks.withRepeats(members.size(), -count)
                : count >= members.size() ? RandomPicks.all(members.size())
                : RandomPicks.distinct(members.size(), count);
        return c.array(RandomPicks.select(members, picks));
    }
}
