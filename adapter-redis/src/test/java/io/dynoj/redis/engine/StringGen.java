package io.dynoj.redis.engine;

import java.util.List;

/** Random string commands. */
final class StringGen {

    private StringGen() {
    }

    static List<String> next(RandomCommands g) {
        String k = g.key("s");
        return switch (g.random.nextInt(22)) {
            case 0, 1 -> g.cmd("GET", k);
            case 2, 3 -> set(g, k);
            case 4 -> g.cmd("SETNX", k, g.value());
            case 5 -> g.cmd("SETEX", k, g.pick("100", "0", "-1", "x", "1000"), g.value());
            case 6 -> g.cmd("PSETEX", k, g.pick("100000", "0", "-5", "x"), g.value());
            case 7 -> g.cmd("GETSET", k, g.value());
            case 8 -> g.cmd("GETDEL", k);
            case 9 -> getex(g, k);
            case 10 -> g.cmd("MGET", k, g.key("s"), g.key("s"));
            case 11 -> g.chance(10) ? g.cmd("MSET", k, "v", g.key("s")) : g.cmd("MSET", k, g.value(), g.key("s"), g.value());
            case 12 -> g.cmd("MSETNX", k, g.value(), g.key("s"), g.value());
            case 13 -> g.cmd("APPEND", k, g.value());
            case 14 -> g.cmd("STRLEN", k);
            case 15 -> g.cmd("GETRANGE", k, g.integer(), g.integer());
            case 16 -> g.cmd("SETRANGE", k, g.pick("0", "1", "3", "-1", "x", "10"), g.value());
            case 17 -> g.cmd(g.pick("INCR", "DECR"), k);
            case 18 -> g.cmd(g.pick("INCRBY", "DECRBY"), k, g.integer());
            case 19 -> g.cmd("INCRBYFLOAT", k, g.floating());
            case 20 -> g.cmd("SET", k, g.integer());
            default -> g.cmd("SUBSTR", k, g.integer(), g.integer());
        };
    }

    private static List<String> set(RandomCommands g, String k) {
        List<String> c = g.cmd("SET", k, g.value());
        int options = g.random.nextInt(4);
        for (int i = 0; i < options; i++) {
            switch (g.random.nextInt(9)) {
                case 0 -> c.add("NX");
                case 1 -> c.add("XX");
                case 2 -> c.add("GET");
                case 3 -> c.add("KEEPTTL");
                case 4 -> { c.add("EX"); c.add(g.pick("100", "0", "-1", "x", "1000")); }
                case 5 -> { c.add("PX"); c.add(g.pick("100000", "0", "x")); }
                case 6 -> { c.add("EXAT"); c.add(g.pick("1", "4000000000", "x")); }
                case 7 -> { c.add("PXAT"); c.add(g.pick("4000000000000", "0")); }
                default -> c.add(g.pick("BOGUS", "ex"));
            }
        }
        return c;
    }

    private static List<String> getex(RandomCommands g, String k) {
        List<String> c = g.cmd("GETEX", k);
        switch (g.random.nextInt(6)) {
            case 0 -> { }
            case 1 -> c.add("PERSIST");
            case 2 -> { c.add("EX"); c.add(g.pick("100", "0", "x")); }
            case 3 -> { c.add("PXAT"); c.add(g.pick("4000000000000", "1")); }
            case 4 -> { c.add("EX"); c.add("100"); c.add("PERSIST"); }
            default -> c.add("EX");
        }
        return c;
    }
}
