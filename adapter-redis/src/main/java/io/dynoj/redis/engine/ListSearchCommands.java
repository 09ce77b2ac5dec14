package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

/**
 * List commands that look for an element: LREM, LINSERT, LPOS. Elements match when their bytes
 * are equal (what Redis's listpack comparison amounts to, since it stores only canonical integers
 * as numbers).
 */
final class ListSearchCommands {

    private ListSearchCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("lrem", ListSearchCommands::lrem)
                .add("linsert", ListSearchCommands::linsert)
                .add("lpos", ListSearchCommands::lpos);
    }

    /** LREM key count element: count > 0 from the head, < 0 from the tail, 0 all. */
    private static ByteBuf lrem(Call c) {
        long toRemove = c.longArg(2);
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            return c.integer(0);
        }
        byte[] element = c.arg(3);
        // -Long.MIN_VALUE overflows in Redis too and then never matches the removed count: all go.
        long limit = toRemove == 0 || toRemove == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(toRemove);
        long removed = 0;
        if (toRemove >= 0) {
            Iterator<byte[]> it = list.items().iterator();
            while (removed < limit && it.hasNext()) {
                if (Arrays.equals(it.next(), element)) {
                    it.remove();
                    removed++;
                }
            }
        } else {
            ListIterator<byte[]> it = list.items().listIterator(list.size());
            while (removed < limit && it.hasPrevious()) {
                if (Arrays.equals(it.previous(), element)) {
                    it.remove();
                    removed++;
                }
            }
        }
        if (removed > 0) {
            list.save(c, c.arg(1));
        }
        return c.integer(removed);
    }

    /** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
    private static ByteBuf linsert(Call c) {
        boolean after = switch (c.option(2)) {
            case "after" -> true;
            case "before" -> false;
            default -> throw RedisError.syntax();
        };
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            return c.integer(0);
        }
        List<byte[]> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            if (Arrays.equals(items.get(i), c.arg(3))) {
                items.add(after ? i + 1 : i, c.arg(4));
                list.save(c, c.arg(1));
                return c.integer(items.size());
            }
        }
        return c.integer(-1);
    }

    /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. */
    private static ByteBuf lpos(Call c) {
        long rank = 1;
        long count = -1; // -1: no COUNT option, reply one index (or null) instead of an array
        long maxLen = 0;
        for (int j = 3; j < c.argc(); j++) {
            String opt = c.option(j);
            boolean more = j + 1 < c.argc();
            if (opt.equals("rank") && more) {
                rank = c.longArg(++j);
                if (rank == 0) {
                    throw new RedisError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                            + "second ... or use negative to start from the end of the list");
                }
            } else if (opt.equals("count") && more) {
                count = ListValue.atLeast(c, ++j, 0, "ERR COUNT can't be negative");
            } else if (opt.equals("maxlen") && more) {
                maxLen = ListValue.atLeast(c, ++j, 0, "ERR MAXLEN can't be negative");
            } else {
                throw RedisError.syntax();
            }
        }
        ListValue list = ListValue.get(c, c.arg(1));
        if (list == null) {
            return count != -1 ? c.array(List.of()) : c.nullBulk();
        }
        List<Object> found = positions(list, c.arg(2), rank, count == -1 ? 1 : count, maxLen);
        if (count != -1) {
            return c.array(found);
        }
        return found.isEmpty() ? c.nullBulk() : c.integer((Long) found.get(0));
    }

    /**
     * Indexes of matches, from the {@code rank}-th match on (negative: counting from the tail), at
     * most {@code count} of them (0: all), looking at no more than {@code maxLen} elements (0: all).
     * Like Redis, a rank of Long.MIN_VALUE stays negative when negated and so matches from the first.
     */
    private static List<Object> positions(ListValue list, byte[] element, long rank, long count, long maxLen) {
        boolean fromTail = rank < 0;
        if (fromTail) {
            rank = -rank;
        }
        int size = list.size();
        List<Object> found = new ArrayList<>();
        long matches = 0;
        for (int n = 0; n < size && (maxLen == 0 || n < maxLen); n++) {
            int i = fromTail ? size - 1 - n : n;
            if (Arrays.equals(list.at(i), element)) {
                matches++;
                if (matches >= rank) {
                    found.add((long) i);
                    if (count != 0 && matches - rank + 1 >= count) {
                        break;
                    }
                }
            }
        }
        return found;
    }
}
