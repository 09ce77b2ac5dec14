package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code ZRANDMEMBER key [count [WITHSCORES]]}: one random member; with a positive count that many
 * distinct members (the whole set when it is smaller); with a negative count that many members
 * drawn independently (repeats possible).
 */
final class ZRandMemberCommand {

    private ZRandMemberCommand() {
    }

    static ByteBuf run(Call c) {
        if (c.argc() == 2) {
            ZSet z = ZSetCommands.load(c, c.arg(1));
            if (z == null) {
                return c.nullBulk();
            }
            List<ZSet.Entry> entries = z.ascending();
            return c.bulk(entries.get(ThreadLocalRandom.current().nextInt(entries.size())).member().bytes());
        }
        long count = c.longArg(2);
        if (count == Long.MIN_VALUE) {
            throw new RedisError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        boolean withScores = false;
        if (c.argc() > 4 || (c.argc() == 4 && !c.option(3).equals("withscores"))) {
            throw RedisError.syntax();
        }
        if (c.argc() == 4) {
            withScores = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new RedisError("ERR value is out of range");
            }
        }
        ZSet z = ZSetCommands.load(c, c.arg(1));
        if (z == null || count == 0) {
            return c.array(List.of());
        }
        List<ZSet.Entry> entries = z.ascending();
        return c.array(ZSetCommands.reply(pick(entries, count), withScores));
    }

    private static List<ZSet.Entry> pick(List<ZSet.Entry> entries, long count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (count < 0) {
            List<ZSet.Entry> out = new ArrayList<>();
            for (long i = 0; i < -count; i++) {
                out.add(entries.get(random.nextInt(entries.size())));
            }
            return out;
        }
        List<ZSet.Entry> shuffled = new ArrayList<>(entries);
        if (count >= shuffled.size()) {
            // The whole set, highest score first: the order Redis walks it in.
            Collections.reverse(shuffled);
            return shuffled;
        }
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, (int) count);
    }
}
