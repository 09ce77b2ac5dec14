package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random hash and set commands for {@link HashSetDifferentialIT}: few keys and elements so
 * commands collide, wrong types (a string key, SET over collections), bad numbers and options.
 * Values stay short and hashes small, so Redis keeps them as listpacks (insertion order).
 */
final class HashSetCommandGenerator {

    /** How a reply is compared with Redis's. */
    enum Check { EXACT, UNORDERED, SCAN, RANDOM, POP }

    record Cmd(Check check, List<String> args) {
        String key() {
            return args.get(1);
        }

        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static final List<String> KEYS = List.of("h1", "h2", "s1", "s2", "s3", "str", "none");
    private static final String[] HASHES = {"h1", "h2"};
    private static final String[] SETS = {"s1", "s2", "s3"};
    private static final String[] FIELDS = {"f1", "f2", "f3", "fé", "g"};
    private static final String[] MEMBERS = {"a", "b", "c", "1", "2", "10", "é", "ab"};
    private static final String[] VALUES = {"v", "5", "-3", "1.5", "abc", "", "10", "1e3", " 1"};
    private static final String[] INTS = {"1", "-2", "0", "x", "9223372036854775807", "-9223372036854775808", "1.5"};
    private static final String[] FLOATS = {"0.5", "-1.25", "2", "abc", "inf", "1e2", ".5", "-0"};
    private static final String[] COUNTS = {"0", "1", "2", "3", "10", "-1", "-3", "x", "-9223372036854775808"};
    private static final String[] PATTERNS = {"*", "f*", "*1", "[fa]?", "a*", "?", "??", "[^a]*", "[a-c]", "\\a*", "[c-a]*"};
    private static final String[] CURSORS = {"0", "0", "0", "x", "7", "-1", ""};

    private final Random r;

    HashSetCommandGenerator(long seed) {
        this.r = new Random(seed);
    }

    Cmd next() {
        return r.nextInt(5) < 2 ? hashCommand() : setCommand();
    }

    private Cmd hashCommand() {
        String k = r.nextInt(10) < 8 ? pick(HASHES) : pick(KEYS);
        return switch (r.nextInt(19)) {
            case 0, 1 -> exact("HSET", k, f(), v(), f(), v());
            case 2 -> exact("HSET", k, f(), v(), f());
            case 3 -> exact("HSETNX", k, f(), v());
            case 4 -> exact("HMSET", k, f(), v());
            case 5 -> exact("HGET", k, f());
            case 6 -> exact("HMGET", k, f(), f(), f());
            case 7 -> exact("HDEL", k, f(), f());
            case 8 -> exact(pick(new String[] {"HLEN", "HKEYS", "HVALS", "HGETALL"}), k);
            case 9 -> exact("HSTRLEN", k, f());
            case 10 -> exact("HEXISTS", k, f());
            case 11, 12 -> exact("HINCRBY", k, f(), pick(INTS));
            case 13, 14 -> exact("HINCRBYFLOAT", k, f(), pick(FLOATS));
            case 15 -> new Cmd(Check.RANDOM, List.of("HRANDFIELD", k));
            case 16 -> new Cmd(Check.RANDOM, randomWithCount("HRANDFIELD", k, "WITHVALUES"));
            case 17 -> exact(scan("HSCAN", k));
            default -> exact("SET", k, v());
        };
    }

    private Cmd setCommand() {
        String k = r.nextInt(10) < 8 ? pick(SETS) : pick(KEYS);
        return switch (r.nextInt(22)) {
            case 0, 1, 2 -> exact("SADD", k, m(), m(), m());
            case 3 -> exact("SREM", k, m(), m());
            case 4 -> new Cmd(Check.UNORDERED, List.of("SMEMBERS", k));
            case 5 -> exact("SISMEMBER", k, m());
            case 6 -> exact("SMISMEMBER", k, m(), m());
            case 7 -> exact("SCARD", k);
            case 8 -> new Cmd(Check.POP, r.nextBoolean() ? List.of("SPOP", k) : randomWithCount("SPOP", k, "2"));
            case 9 -> new Cmd(Check.RANDOM, r.nextBoolean() ? List.of("SRANDMEMBER", k) : randomWithCount("SRANDMEMBER", k, "2"));
            case 10 -> exact("SMOVE", k, r.nextBoolean() ? k : set(), m());
            case 11 -> new Cmd(Check.UNORDERED, keys("SINTER"));
            case 12 -> new Cmd(Check.UNORDERED, keys("SUNION"));
            case 13 -> new Cmd(Check.UNORDERED, keys("SDIFF"));
            case 14 -> new Cmd(Check.EXACT, withDestination(keys("SINTERSTORE")));
            case 15 -> new Cmd(Check.EXACT, withDestination(keys("SUNIONSTORE")));
            case 16 -> new Cmd(Check.EXACT, withDestination(keys("SDIFFSTORE")));
            case 17, 18 -> new Cmd(Check.EXACT, sintercard());
            case 19 -> new Cmd(Check.SCAN, scan("SSCAN", k));
            case 20 -> exact("SET", k, v());
            default -> exact("SADD", k, m());
        };
    }

    private List<String> randomWithCount(String name, String key, String extra) {
        List<String> args = new ArrayList<>(List.of(name, key, pick(COUNTS)));
        int n = r.nextInt(6);
        if (n >= 3) {
            args.add(n == 5 ? "bad" : extra);
        }
        if (n == 4 && r.nextBoolean()) {
            args.add("x");
        }
        return args;
    }

    private List<String> scan(String name, String key) {
        List<String> args = new ArrayList<>(List.of(name, key, pick(CURSORS)));
        for (int n = r.nextInt(3); n > 0; n--) {
            switch (r.nextInt(5)) {
                case 0, 1 -> args.addAll(List.of("MATCH", pick(PATTERNS)));
                case 2, 3 -> args.addAll(List.of("COUNT", pick(COUNTS)));
                default -> args.add(r.nextBoolean() ? "MATCH" : "TYPE");
            }
        }
        return args;
    }

    private List<String> keys(String name) {
        List<String> args = new ArrayList<>(List.of(name));
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            args.add(r.nextInt(10) < 8 ? set() : pick(KEYS));
        }
        return args;
    }

    private List<String> withDestination(List<String> args) {
        args.add(1, r.nextInt(10) < 8 ? set() : pick(KEYS));
        return args;
    }

    private List<String> sintercard() {
        List<String> keys = keys("SINTERCARD");
        int numKeys = keys.size() - 1;
        String declared = switch (r.nextInt(8)) {
            case 0 -> "0";
            case 1 -> "x";
            case 2 -> Integer.toString(numKeys + 1);
            case 3 -> Integer.toString(Math.max(1, numKeys - 1));
            default -> Integer.toString(numKeys);
        };
        keys.add(1, declared);
        switch (r.nextInt(6)) {
            case 0 -> keys.addAll(List.of("LIMIT", pick(COUNTS)));
            case 1 -> keys.addAll(List.of("LIMIT", "1"));
            case 2 -> keys.add(r.nextBoolean() ? "LIMIT" : "FOO");
            default -> { }
        }
        return keys;
    }

    private Cmd exact(String... args) {
        return new Cmd(Check.EXACT, List.of(args));
    }

    private Cmd exact(List<String> args) {
        return new Cmd(Check.EXACT, args);
    }

    private String f() {
        return pick(FIELDS);
    }

    private String v() {
        return pick(VALUES);
    }

    private String m() {
        return pick(MEMBERS);
    }

    private String set() {
        return pick(SETS);
    }

    private String pick(String[] from) {
        return from[r.nextInt(from.length)];
    }

    private String pick(List<String> from) {
        return from.get(r.nextInt(from.size()));
    }
}
