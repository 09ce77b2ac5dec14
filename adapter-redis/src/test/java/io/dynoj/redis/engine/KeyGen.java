package io.dynoj.redis.engine;

import java.util.List;

/** Random key commands (the key may hold any type). */
final class KeyGen {

    private KeyGen() {
    }

    static List<String> next(RandomCommands g) {
        String k = g.key(g.pick("s", "h", "l", "t", "z"));
        return switch (g.random.nextInt(16)) {
            case 0 -> g.cmd(g.pick("DEL", "UNLINK"), k, g.key("s"));
            case 1 -> g.cmd(g.pick("EXISTS", "TOUCH"), k, k, g.key("s"));
            case 2 -> g.cmd("TYPE", k);
            case 3, 4 -> expire(g, k);
            case 5 -> g.cmd(g.pick("TTL", "PTTL"), k);
            case 6 -> g.cmd(g.pick("EXPIRETIME", "PEXPIRETIME"), k);
            case 7 -> g.cmd("PERSIST", k);
            case 8 -> g.cmd(g.pick("RENAME", "RENAMENX"), k, g.chance(20) ? k : g.key("s"));
            case 9 -> g.chance(15) ? g.cmd("COPY", k, k) : g.cmd("COPY", k, g.key("s"), g.pick("REPLACE", "DB", "BAD")).subList(0, 3 + g.random.nextInt(2));
            case 10 -> g.cmd("EXPIREAT", k, g.pick("1", "4000000000", "x"));
            case 11 -> g.cmd("PEXPIREAT", k, g.pick("4000000000000", "-1"));
            default -> g.cmd("EXISTS", k);
        };
    }

    private static List<String> expire(RandomCommands g, String k) {
        List<String> c = g.cmd(g.pick("EXPIRE", "PEXPIRE"), k, g.pick("100000", "2000000", "-1", "0", "x", "500000"));
        if (g.chance(40)) {
            c.add(g.pick("NX", "XX", "GT", "LT", "BAD"));
            if (g.chance(20)) {
                c.add(g.pick("NX", "XX", "GT", "LT"));
            }
        }
        return c;
    }
}
