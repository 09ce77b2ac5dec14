package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;

/**
 * List commands over several keys: RPOPLPUSH, LMOVE and LMPOP. {@link RedisEngine} holds the
 * locks of all their keys (for LMPOP, the keys its {@code numkeys} announces), so a move is atomic.
 */
final class ListMoveCommands {

    private ListMoveCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("rpoplpush", c -> move(c, false, true))
                .add("lmove", c -> move(c, ListValue.parseSide(c, 3), ListValue.parseSide(c, 4)))
                .add("lmpop", ListMoveCommands::lmpop);
    }

    /**
     * Pops from the source's head ({@code fromLeft}) or tail and pushes onto the destination's head
     * ({@code toLeft}) or tail; replies the element, or null when the source is missing. The
     * destination's type is checked only when there is something to move, as in Redis. Source and
     * destination may be the same key (a rotation).
     */
    private static ByteBuf move(Call c, boolean fromLeft, boolean toLeft) {
        byte[] srcKey = c.arg(1);
        byte[] dstKey = c.arg(2);
        ListValue src = ListValue.get(c, srcKey);
        if (src == null) {
            return c.nullBulk();
        }
        if (Arrays.equals(srcKey, dstKey)) {
            byte[] element = src.popOne(fromLeft);
            src.push(toLeft, element);
            src.save(c, srcKey);
            return c.bulk(element);
        }
        ListValue dst = ListValue.get(c, dstKey);
        if (dst == null) {
            dst = ListValue.fresh();
        }
        byte[] element = src.popOne(fromLeft);
        dst.push(toLeft, element);
        c.keyspace().write(new byte[][] {srcKey, dstKey}, new StoredValue[] {src.toStored(), dst.toStored()});
        return c.bulk(element);
    }

    /**
     * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first non-empty list and
     * replies {@code [key, [elements]]}, or the null array when every list is empty.
     */
    private static ByteBuf lmpop(Call c) {
        long numKeys = ListValue.atLeast(c, 1, 1, "ERR numkeys should be greater than 0");
        if (numKeys >= c.argc() - 2) {
            // No room for LEFT|RIGHT after the keys.
            throw RedisError.syntax();
        }
        int sideAt = 2 + (int) numKeys;
        boolean left = ListValue.parseSide(c, sideAt);
        long count = -1;
        for (int j = sideAt + 1; j < c.argc(); j++) {
            if (count == -1 && c.option(j).equals("count") && j + 1 < c.argc()) {
                count = ListValue.atLeast(c, ++j, 1, "ERR count should be greater than 0");
            } else {
                throw RedisError.syntax();
            }
        }
        count = count == -1 ? 1 : count;
        for (int k = 2; k < sideAt; k++) {
            ListValue list = ListValue.get(c, c.arg(k));
            if (list != null) {
                List<byte[]> popped = list.pop(left, count);
                list.save(c, c.arg(k));
                return c.array(List.of(c.arg(k), popped));
            }
        }
        return c.nullArray();
    }
}
