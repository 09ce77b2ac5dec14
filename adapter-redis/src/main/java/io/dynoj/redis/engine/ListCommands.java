package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Redis list commands: pushes, pops, length, index access, ranges and trimming. The searching
 * commands are in {@link ListSearchCommands}, the two-key ones in {@link ListMoveCommands}. A list
 * is one stored entry ({@link ListValue}); a list emptied by a command is deleted, as in Redis.
 * Argument checks come in Redis's order (some before the key is read, some after), since that
 * decides which error a client sees.
 */
final class ListCommands {

    static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    private ListCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("lpush", c -> push(c, true, false))
                .add("rpush", c -> push(c, false, false))
                .add("lpushx", c -> push(c, true, true))
                .add("rpushx", c -> push(c, false, true))
                .add("lpop", c -> pop(c, true))
                .add("rpop", c -> pop(c, false))
                .add("llen", ListCommands::llen)
                .add("lindex", ListCommands::lindex)
                .add("lset", ListCommands::lset)
                .add("lrange", ListCommands::lrange)
                .add("ltrim", ListCommands::ltrim);
        ListSearchCommands.register(r);
        ListMoveCommands.register(r);
    }

    /** LPUSH/RPUSH, and with {@code onlyExisting} LPUSHX/RPUSHX: the new length. */
    private static ByteBuf push(Call c, boolean left, boolean onlyExisting) {
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            if (onlyExisting) {
                return c.integer(0);
            }
            list = ListValue.fresh();
        }
        list.pushArgs(left, c, 2);
        list.save(c, c.arg(1));
        return c.integer(list.size());
    }

    /** LPOP/RPOP key [count]: one bulk without count, an array with it. */
    private static ByteBuf pop(Call c, boolean left) {
        if (c.argc() > 3) {
            throw new RedisError("ERR wrong number of arguments for '" + c.option(0) + "' command");
        }
        boolean hasCount = c.argc() == 3;
        long count = hasCount ? ListValue.atLeast(c, 2, 0, NOT_POSITIVE) : 1;
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            return hasCount ? c.nullArray() : c.nullBulk();
        }
        if (count == 0) {
            return c.array(List.of());
        }
        List<byte[]> popped = list.pop(left, count);
        list.save(c, c.arg(1));
        return hasCount ? c.array(popped) : c.bulk(popped.get(0));
    }

    private static ByteBuf llen(Call c) {
        ListValue list = ListValue.get(c, c.arg(1));
        return c.integer(list == null ? 0 : list.size());
    }

    private static ByteBuf lindex(Call c) {
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            return c.nullBulk();
        }
        int i = list.index(c.longArg(2));
        return i < 0 ? c.nullBulk() : c.bulk(list.at(i));
    }

    private static ByteBuf lset(Call c) {
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            throw new RedisError(RedisError.NO_SUCH_KEY);
        }
        int i = list.index(c.longArg(2));
        if (i < 0) {
            throw new RedisError("ERR index out of range");
        }
        list.set(i, c.arg(3));
        list.save(c, c.arg(1));
        return c.ok();
    }

    private static ByteBuf lrange(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            return c.array(List.of());
        }
        int[] range = range(start, end, list.size());
        return c.array(list.items().subList(range[0], range[1]));
    }

    private static ByteBuf ltrim(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            return c.ok();
        }
        int[] range = range(start, end, list.size());
        if (range[1] - range[0] != list.size()) {
            list.keep(range[0], range[1]);
            list.save(c, c.arg(1));
        }
        return c.ok();
    }

    /**
     * Redis's inclusive {@code start..end} with negative indexes, clamped to the list, as a
     * half-open {@code [from, to)}; empty when out of range.
     */
    static int[] range(long start, long end, int size) {
        if (start < 0) {
            start = size + start;
        }
        if (end < 0) {
            end = size + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= size) {
            return new int[] {0, 0};
        }
        if (end >= size) {
            end = size - 1;
        }
        return new int[] {(int) start, (int) end + 1};
    }
}
