package io.dynoj.redis.engine;

import java.util.List;

/**
 * Random sorted-set commands: small sets (as Redis keeps them in a listpack), scores that print
 * differently (1.1, 1e20, -0, inf), all-zero scores for lex ranges, and bad scores, ranges,
 * options and option combinations.
 */
final class ZSetGen {

    private ZSetGen() {
    }

    static List<String> next(RandomCommands g) {
        String k = g.key("z");
        return switch (g.random.nextInt(40)) {
            case 0, 1, 2, 3, 4, 5 -> zadd(g, k);
            case 6 -> g.cmd("ZINCRBY", k, score(g), member(g));
            case 7 -> g.cmd("ZSCORE", k, member(g));
            case 8 -> g.cmd("ZMSCORE", k, member(g), member(g));
            case 9 -> g.cmd("ZCARD", k);
            case 10 -> bounds(g.cmd("ZCOUNT", k), scoreBounds(g), false);
            case 11 -> bounds(g.cmd("ZLEXCOUNT", k), lexBounds(g), false);
            case 12 -> g.cmd(g.pick("ZRANK", "ZREVRANK"), k, member(g));
            case 13 -> g.cmd("ZREM", k, member(g), member(g));
            case 14, 15, 16 -> range(g, g.cmd("ZRANGE", k));
            case 17 -> range(g, g.cmd("ZRANGESTORE", g.key("z"), k));
            case 18 -> options(g, g.cmd("ZREVRANGE", k, g.integer(), g.integer()));
            case 19, 20 -> {
                String name = g.pick("ZRANGEBYSCORE", "ZREVRANGEBYSCORE");
                yield options(g, bounds(g.cmd(name, k), scoreBounds(g), name.startsWith("ZREV")));
            }
            case 21 -> {
                String name = g.pick("ZRANGEBYLEX", "ZREVRANGEBYLEX");
                yield options(g, bounds(g.cmd(name, k), lexBounds(g), name.startsWith("ZREV")));
            }
            case 22 -> g.cmd("ZREMRANGEBYRANK", k, g.integer(), g.integer());
            case 23 -> bounds(g.cmd("ZREMRANGEBYSCORE", k), scoreBounds(g), false);
            case 24 -> bounds(g.cmd("ZREMRANGEBYLEX", k), lexBounds(g), false);
            case 25 -> g.chance(50) ? g.cmd(g.pick("ZPOPMIN", "ZPOPMAX"), k) : g.cmd(g.pick("ZPOPMIN", "ZPOPMAX"), k, count(g));
            case 26 -> zmpop(g);
            case 27 -> zrandmember(g, k);
            case 28, 29, 30, 31 -> algebra(g);
            case 32 -> zscan(g, k);
            default -> g.cmd("ZRANGE", k, "0", "-1", "WITHSCORES");
        };
    }

    static String member(RandomCommands g) {
        return g.pick("a", "b", "c", "d", "e", "f", "1", "10", "x y", "");
    }

    static String score(RandomCommands g) {
        return switch (g.random.nextInt(6)) {
            case 0 -> g.pick("inf", "-inf", "+inf", "1e20", "-0", "0.1", "1.1", "0x10", "nan", "1e400", "(1", " 1");
            case 1 -> "0";
            default -> g.floating();
        };
    }

    /** Score bounds; usually min then max in order, so that ranges hold members. */
    private static String[] scoreBounds(RandomCommands g) {
        if (g.chance(25)) {
            return new String[] {scoreBound(g), scoreBound(g)};
        }
        return new String[] {g.pick("-inf", "(0", "0", "1", "(1", "-1", "(-inf"), g.pick("+inf", "inf", "5", "(5", "2.5", "10", "1")};
    }

    private static String scoreBound(RandomCommands g) {
        return g.pick("-inf", "+inf", "inf", "(1", "1", "2.5", "(2.5", "0", "(0", "-1", "(-1", "5", "(5",
                "abc", "", "(", "(inf", "1e400", "0x2", "nan", "(-inf", "10", "-5.5");
    }

    /** Lex bounds; usually min then max in order, so that ranges hold members. */
    private static String[] lexBounds(RandomCommands g) {
        if (g.chance(25)) {
            return new String[] {lexBound(g), lexBound(g)};
        }
        return new String[] {g.pick("-", "[a", "(a", "[b", "(1", "["), g.pick("+", "[e", "(e", "[d", "(x y", "[f")};
    }

    private static String lexBound(RandomCommands g) {
        return g.pick("-", "+", "[a", "(b", "[c", "(d", "[e", "[", "(", "a", "[x y", "+x", "-", "+", "(1", "[10");
    }

    /** The command with bounds appended, max first for the REV forms. */
    private static List<String> bounds(List<String> c, String[] minMax, boolean reversed) {
        c.add(minMax[reversed ? 1 : 0]);
        c.add(minMax[reversed ? 0 : 1]);
        return c;
    }

    private static String count(RandomCommands g) {
        return g.pick("0", "1", "2", "3", "10", "-1", "x");
    }

    private static List<String> zadd(RandomCommands g, String k) {
        List<String> c = g.cmd("ZADD", k);
        if (g.chance(35)) {
            int n = 1 + g.random.nextInt(2);
            for (int i = 0; i < n; i++) {
                c.add(g.pick("NX", "XX", "GT", "LT", "CH", "INCR", "ch"));
            }
        }
        boolean lex = g.chance(30);
        int pairs = g.chance(93) ? 1 + g.random.nextInt(3) : 0;
        for (int i = 0; i < pairs; i++) {
            c.add(lex ? "0" : score(g));
            c.add(member(g));
        }
        if (pairs == 0 || g.chance(3)) {
            c.add(score(g));
        }
        return c;
    }

    private static List<String> range(RandomCommands g, List<String> c) {
        boolean rev = g.chance(30);
        switch (g.random.nextInt(3)) {
            case 0 -> {
                c.add(g.integer());
                c.add(g.integer());
            }
            case 1 -> {
                bounds(c, scoreBounds(g), rev);
                c.add("BYSCORE");
            }
            default -> {
                bounds(c, lexBounds(g), rev);
                c.add("BYLEX");
            }
        }
        if (g.chance(10) && c.size() > 4) {
            c.remove(c.size() - 1);
        }
        if (rev) {
            c.add("REV");
        }
        return options(g, c);
    }

    private static List<String> options(RandomCommands g, List<String> c) {
        int n = g.random.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (g.random.nextInt(6)) {
                case 0 -> c.add("REV");
                case 1, 2 -> c.add("WITHSCORES");
                case 3, 4 -> {
                    c.add("LIMIT");
                    c.add(g.pick("0", "1", "2", "-1", "x"));
                    c.add(g.pick("1", "2", "-1", "0", "10"));
                }
                default -> c.add(g.pick("BYSCORE", "BYLEX", "BOGUS"));
            }
        }
        return c;
    }

    private static List<String> zmpop(RandomCommands g) {
        List<String> c = g.cmd("ZMPOP", g.pick("1", "2", "2", "0", "x", "5"), g.key("z"), g.key("z"));
        c.add(g.pick("MIN", "MAX", "max", "MID"));
        if (g.chance(50)) {
            c.add("COUNT");
            c.add(count(g));
        }
        return c;
    }

    private static List<String> zrandmember(RandomCommands g, String k) {
        List<String> c = g.cmd("ZRANDMEMBER", k);
        if (g.chance(70)) {
            c.add(g.pick("0", "1", "3", "10", "-3", "-10", "x", "-9223372036854775808"));
            if (g.chance(40)) {
                c.add(g.pick("WITHSCORES", "withscores", "BAD"));
            }
        }
        return c;
    }

    private static List<String> algebra(RandomCommands g) {
        String op = g.pick("ZUNION", "ZINTER", "ZDIFF", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZINTERCARD");
        List<String> c = g.cmd(op);
        if (op.endsWith("STORE")) {
            c.add(g.key("z"));
        }
        int keys = 1 + g.random.nextInt(3);
        c.add(g.chance(5) ? g.pick("0", "-1", "x", "9") : Integer.toString(keys));
        for (int i = 0; i < keys; i++) {
            c.add(g.key("z"));
        }
        if (g.chance(40)) {
            c.add("WEIGHTS");
            int n = g.chance(85) ? keys : keys - 1;
            for (int i = 0; i < n; i++) {
                c.add(g.pick("1", "2", "-1", "0", "0.5", "inf", "x"));
            }
        }
        if (g.chance(30)) {
            c.add("AGGREGATE");
            c.add(g.pick("SUM", "MIN", "MAX", "max", "AVG"));
        }
        if (g.chance(40)) {
            c.add(g.pick("WITHSCORES", "WITHSCORES", "LIMIT", "BOGUS"));
            if (c.get(c.size() - 1).equals("LIMIT")) {
                c.add(g.pick("0", "1", "2", "-1", "x"));
            }
        }
        return c;
    }

    private static List<String> zscan(RandomCommands g, String k) {
        List<String> c = g.cmd("ZSCAN", k, g.pick("0", "0", "1", "x", "-1", ""));
        if (g.chance(40)) {
            c.add("MATCH");
            c.add(g.pick("*", "a*", "[a-c]", "?", "*y", "x\\ y", "[^a]*"));
        }
        if (g.chance(30)) {
            c.add("COUNT");
            c.add(g.pick("1", "10", "0", "x"));
        }
        if (g.chance(5)) {
            c.add("BOGUS");
        }
        return c;
    }
}
