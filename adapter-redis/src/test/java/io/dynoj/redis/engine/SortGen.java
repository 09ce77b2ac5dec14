package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Random SORT and SORT_RO over the list, set and sorted-set pools ({@code l:}, {@code t:},
 * {@code z:}), with weights and GET values in the string and hash pools ({@code s:*},
 * {@code h:*->w}): elements are mostly 0..3 so the patterns meet those keys. Sets hold integers
 * only, so Redis keeps them as intsets whose order (numeric) is not random. ALPHA with a BY
 * pattern leaves equal weights in an order Redis does not fix: such commands never STORE, and
 * {@link #normalize} compares their replies as multisets.
 *
 * <p>Not part of {@link RandomCommands#FAMILIES}, so never mixed with {@link ZSetGen}: Redis turns a
 * sorted set it SORTs into a skiplist for good, after which its ZSCAN order is its hash table's.
 * No weight overflows a double: Redis 7.0 reads SORT weights without clearing errno, so after one
 * ERANGE even good weights can fail until errno changes (not something to copy).
 */
final class SortGen {

    private static final String[] ELEMENTS = {"0", "1", "2", "3", "0", "1", "2", "3", "4", "10", "-1", "1.5", "a", "b", "x y"};
    private static final String[] INTEGERS = {"0", "1", "2", "3", "3", "-1", "10", "12"};
    private static final String[] WEIGHTS = {"1", "2", "5", "-3", "0.5", "10", "1e3", "2", "", " 4", "abc", "inf", "-inf", "0x10", "nan"};
    private static final String[] BY = {"s:*", "s:*", "h:*->w", "h:*->name", "nosort", "s:*->w", "h:*->", "*"};
    private static final String[] GET = {"#", "s:*", "h:*->w", "h:*->name", "nokey", "#"};

    private SortGen() {
    }

    static List<String> next(RandomCommands g) {
        return switch (g.random.nextInt(20)) {
            case 0, 1 -> push(g);
            case 2 -> members(g, g.cmd("SADD", g.key("t")), INTEGERS);
            case 3 -> g.cmd("ZADD", g.key("z"), g.pick(WEIGHTS), g.pick(ELEMENTS), g.pick("1", "2", "2", "-5"), g.pick(ELEMENTS));
            case 4, 5 -> g.cmd("SET", "s:" + g.random.nextInt(4), g.pick(WEIGHTS));
            case 6 -> g.cmd("HSET", "h:" + g.random.nextInt(4), "w", g.pick(WEIGHTS), "name", g.pick(ELEMENTS));
            case 7 -> g.cmd("DEL", g.key(g.pick("l", "t", "z", "s", "h")));
            case 8 -> g.cmd("LRANGE", g.key("l"), "0", "-1");
            default -> sort(g);
        };
    }

    private static List<String> push(RandomCommands g) {
        return members(g, g.cmd(g.pick("RPUSH", "LPUSH"), g.key("l")), ELEMENTS);
    }

    private static List<String> members(RandomCommands g, List<String> c, String[] pool) {
        int n = 1 + g.random.nextInt(4);
        for (int i = 0; i < n; i++) {
            c.add(g.pick(pool));
        }
        return c;
    }

    private static List<String> sort(RandomCommands g) {
        boolean readOnly = g.chance(25);
        List<String> c = g.cmd(readOnly ? "SORT_RO" : "SORT", g.key(g.pick("l", "l", "t", "z")));
        int options = g.random.nextInt(5);
        for (int i = 0; i < options; i++) {
            switch (g.random.nextInt(11)) {
                case 0 -> c.add(g.pick("ASC", "desc"));
                case 1, 2 -> c.add(g.pick("ALPHA", "alpha", "DESC"));
                case 3 -> c.addAll(List.of("LIMIT", g.pick("0", "1", "2", "-1", "5", "x"), g.pick("1", "2", "-1", "0", "10", "y")));
                case 4, 5 -> c.addAll(List.of("BY", g.pick(BY)));
                case 6, 7 -> c.addAll(List.of("GET", g.pick(GET)));
                case 8 -> c.addAll(List.of("STORE", g.key("l")));
                case 9 -> c.add(g.pick("LIMIT", "BY", "GET", "STORE", "BAD"));
                default -> c.add("ASC");
            }
        }
        if (unordered(c)) {
            c = withoutStore(c);
        }
        return c;
    }

    /** The command with every {@code STORE dest} pair removed. */
    private static List<String> withoutStore(List<String> c) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (i >= 2 && c.get(i).equals("STORE") && i + 1 < c.size()) {
                i++;
            } else {
                kept.add(c.get(i));
            }
        }
        return kept;
    }

    /** ALPHA with a BY pattern: equal or missing weights leave Redis's order open. */
    private static boolean unordered(List<String> c) {
        boolean alpha = false;
        boolean byPattern = false;
        for (int i = 2; i < c.size(); i++) {
            String a = c.get(i).toLowerCase(Locale.ROOT);
            alpha |= a.equals("alpha");
            byPattern |= a.equals("by") && i + 1 < c.size() && c.get(i + 1).contains("*");
        }
        return alpha && byPattern;
    }

    /** SORT replies whose order Redis leaves open: the elements as a sorted multiset; only the length under LIMIT. */
    static String normalize(List<String> command, String reply) {
        if (!reply.startsWith("*") || !unordered(command)) {
            return reply;
        }
        boolean limit = command.stream().anyMatch(a -> a.equalsIgnoreCase("limit"));
        String[] lines = reply.split("\r\n", -1);
        if (limit) {
            return lines[0];
        }
        List<String> items = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            boolean isNull = lines[i].equals("$-1");
            items.add(isNull ? lines[i] : lines[i] + "\r\n" + lines[++i]);
        }
        items.sort(null);
        return lines[0] + "\r\n" + String.join("\r\n", items);
    }
}
