package io.dynoj.redis.engine;

import java.util.List;

/**
 * Random bitmap and LCS commands on the string pool ({@code s:0..3}): SETBIT/GETBIT, BITCOUNT and
 * BITPOS with byte and bit ranges, BITOP, BITFIELD(_RO) with every overflow mode, LCS with its
 * options, SETRANGE/APPEND past the size limit, and bad offsets, types, bits and options. No
 * command makes a string near the 512 MB limit (offsets past it are refused, never allocated).
 */
final class BitGen {

    private static final String[] GOOD_TYPES = {"u1", "u3", "u8", "u16", "u31", "u63", "i1", "i5", "i8", "i16", "i32", "i63", "i64"};
    private static final String[] BAD_TYPES = {"u64", "i65", "i0", "u0", "x8", "", "i", "I8", "u-1", "i08"};
    private static final String[] FIELD_VALUES = {"0", "1", "-1", "7", "100", "127", "128", "255", "-128", "65535",
        "2147483648", "9223372036854775807", "-9223372036854775808", "4611686018427387904", "x", "1.5"};

    private BitGen() {
    }

    static List<String> next(RandomCommands g) {
        String k = g.key("s");
        return switch (g.random.nextInt(32)) {
            case 0, 1, 2 -> g.cmd("SETBIT", k, offset(g, false), g.pick("1", "0", "1", "0", "2", "-1", "x", ""));
            case 3, 4 -> g.cmd("GETBIT", k, offset(g, true));
            case 5, 6, 7 -> range(g, g.cmd("BITCOUNT", k), 2);
            case 8, 9, 10 -> range(g, g.cmd("BITPOS", k, g.pick("1", "0", "1", "0", "2", "-1", "x")), 3);
            case 11, 12 -> bitop(g);
            case 13, 14, 15, 16 -> bitfield(g, g.cmd("BITFIELD", k), 4);
            case 17 -> bitfield(g, g.cmd("BITFIELD_RO", k), 3);
            case 18, 19 -> g.cmd("SET", k, value(g));
            case 20, 21, 22 -> lcs(g);
            case 23 -> g.cmd("SETRANGE", k, g.pick("0", "3", "64", "536870912", "536870910", "9223372036854775807", "-1"),
                    g.pick("xyz", "abcd"));
            case 24 -> g.cmd("SETRANGE", k, g.pick("536870911", "9223372036854775807", "4"), "");
            case 25 -> g.cmd("APPEND", k, value(g));
            case 26, 27 -> g.cmd("BITFIELD", k, "GET", "u32", "0", "GET", "u32", "32", "GET", "i64", "64", "GET", "u63", "#2");
            default -> g.cmd(g.pick("STRLEN", "GET"), k);
        };
    }

    /** Strings with various bit patterns: short words, long runs, digits (Redis may keep them as integers). */
    static String value(RandomCommands g) {
        return switch (g.random.nextInt(6)) {
            case 0 -> g.pick("", "a", "\u00ff", "foobar", "123", "-5", "9223372036854775807");
            case 1 -> g.pick("ohmytext", "mynewtext", "abcabcab", "bacbacba");
            case 2 -> letters(g, "ab", 1 + g.random.nextInt(12));
            case 3 -> letters(g, "\u007f\u0001 ?", 20 + g.random.nextInt(60));
            default -> letters(g, "abcdefgh", 1 + g.random.nextInt(40));
        };
    }

    private static String letters(RandomCommands g, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(g.random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A bit offset; the largest valid one only for reads (a write there would build a 512 MB string). */
    private static String offset(RandomCommands g, boolean read) {
        return switch (g.random.nextInt(10)) {
            case 0 -> g.pick("-1", "x", "", "4294967296", "9223372036854775807", "#1", "1.0", "+1");
            case 1 -> read ? g.pick("4294967295", "536870912", "1000000") : Integer.toString(g.random.nextInt(4000));
            default -> Integer.toString(g.random.nextInt(g.chance(70) ? 64 : 700));
        };
    }

    /** Optional start/end and unit; sometimes a missing end or one argument too many (arguments after {@code fixed}). */
    private static List<String> range(RandomCommands g, List<String> c, int fixed) {
        int shape = g.random.nextInt(8);
        if (shape == 0) {
            return c;
        }
        c.add(g.integer());
        if (shape == 1 && fixed == 3) {
            return c;
        }
        c.add(g.integer());
        if (shape >= 4) {
            c.add(g.pick("BIT", "BYTE", "bit", "Byte", "BITS"));
        }
        if (shape == 7 && g.chance(30)) {
            c.add("BIT");
        }
        return c;
    }

    private static List<String> bitop(RandomCommands g) {
        List<String> c = g.cmd("BITOP", g.pick("AND", "OR", "XOR", "NOT", "and", "not", "NAND"), g.key("s"));
        int sources = g.random.nextInt(5) == 0 ? 3 : 1 + g.random.nextInt(2);
        for (int i = 0; i < sources; i++) {
            c.add(g.key("s"));
        }
        return c;
    }

    private static List<String> bitfield(RandomCommands g, List<String> c, int maxOps) {
        int ops = g.random.nextInt(maxOps + 1);
        for (int i = 0; i < ops; i++) {
            switch (g.random.nextInt(12)) {
                case 0, 1, 2 -> c.addAll(List.of("GET", type(g), fieldOffset(g)));
                case 3, 4, 5 -> c.addAll(List.of("SET", type(g), fieldOffset(g), g.pick(FIELD_VALUES)));
                case 6, 7, 8 -> c.addAll(List.of(g.pick("INCRBY", "incrby"), type(g), fieldOffset(g), g.pick(FIELD_VALUES)));
                case 9, 10 -> c.addAll(List.of("OVERFLOW", g.pick("WRAP", "SAT", "FAIL", "fail", "BAD")));
                default -> c.add(g.pick("GET", "SET", "OVERFLOW", "BOGUS"));
            }
        }
        return c;
    }

    private static String type(RandomCommands g) {
        return g.chance(8) ? g.pick(BAD_TYPES) : g.pick(GOOD_TYPES);
    }

    private static String fieldOffset(RandomCommands g) {
        return switch (g.random.nextInt(10)) {
            case 0 -> g.pick("-1", "x", "4294967296", "#-1", "##1", "#x");
            case 1, 2 -> "#" + g.random.nextInt(6);
            default -> Integer.toString(g.random.nextInt(100));
        };
    }

    private static List<String> lcs(RandomCommands g) {
        List<String> c = g.cmd("LCS", g.key("s"), g.key("s"));
        int options = g.random.nextInt(4);
        for (int i = 0; i < options; i++) {
            switch (g.random.nextInt(6)) {
                case 0 -> c.add("LEN");
                case 1, 2 -> c.add("IDX");
                case 3 -> c.add("WITHMATCHLEN");
                case 4 -> c.addAll(List.of("MINMATCHLEN", g.pick("0", "1", "2", "4", "-3", "x")));
                default -> c.add(g.pick("MINMATCHLEN", "BAD"));
            }
        }
        return c;
    }
}
