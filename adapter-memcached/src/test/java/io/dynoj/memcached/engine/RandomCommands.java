package io.dynoj.memcached.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Seeded random memcached input for agreement tests: every command the engine serves, with good and
 * bad arguments, over a few keys so that commands meet. Cas values are placeholders that each target
 * fills from the cas values it returned itself ({@link #render}): {@code {LAST}} the last one seen for
 * the key, {@code {LOWER}} one below it, {@code {BOGUS}} one neither server reaches.
 *
 * <p>Left out on purpose, as Dynoj differs there by design or memcached's answer depends on timing:
 * version/stats, lenient numbers on classic lines ({@code +5}), base64 keys, mg h/l, delayed
 * flush_all, input that closes the connection, TTLs under 100 s, and a TTL printed (t) after it was
 * set negative in the same command (memcached prints an unsigned wrap-around).
 */
final class RandomCommands {

    /** One command: its bytes with cas placeholders, and the key whose cas they stand for. */
    record Command(String template, String key) {
    }

    static final long BOGUS_CAS = 9_000_000_000_000_000_000L;
    private static final String[] KEYS = {"a", "b", "n", "num", "key_with_long_name_07", "x"};
    /**
     * Values for incr/decr, all below 2^63, as are the deltas and J values: memcached 1.6.18 reads a
     * number of 2^63 or more, or a negative one, by also looking for a '-' from the value on until a
     * NUL, past the value into whatever memory follows, so its answer there is not reproducible. The
     * wrap-around at 2^64 and negative values are in the unit tests instead.
     */
    private static final String[] NUMBERS = {"0", "1", "10", "99", "999999999999999999", "99999999999999999999",
        "5 ", " 7", "+3", "12abc", "007", ""};
    private static final String[] BAD = {
        "sett k 0 0 1\r\nx\r\n", "set k 0 0\r\n", "set a x 0 1\r\nb\r\n", "set a 0 0 1\r\nabc\r\n",
        "set a 0 0 -1\r\n", "incr a x\r\n", "incr a -1\r\n", "decr\r\n", "touch a x\r\n", "touch a\r\n",
        "delete a 1\r\n", "delete a 0 x\r\n", "get " + "k".repeat(251) + "\r\n", "gat x a\r\n", "gat 10\r\n",
        "cas a 0 0 1\r\nx\r\n", "cas a 0 0 1 x\r\nx\r\n", "set " + "k".repeat(251) + " 0 0 1\r\nx\r\n",
        "mg\r\n", "ms a\r\n", "ms a x\r\nab\r\n", "ma\r\n", "md\r\n", "mg a v v\r\n", "mg a zz\r\n",
        "mg a E1\r\n", "md a zz\r\n", "ma a zz\r\n", "ms a 2 MX\r\nab\r\n", "ms a 2 MSS\r\nab\r\n", "ma a Mx\r\n",
        "ma a Dx\r\n", "ma a J-1 N0\r\n", "ms a 2 Tx\r\nab\r\n", "ms a 2 Fx\r\nab\r\n", "ms a 2 F-1\r\nab\r\n",
        "mg a Cx\r\n", "ms a 2 O" + "o".repeat(33) + " k\r\nab\r\n", "md a O" + "o".repeat(33) + "\r\n",
        "mg " + "k".repeat(251) + " v\r\n", "GET a\r\n", "\r\n", "verbosity 1\r\n"};

    private final Random rnd;
    private final long nowSeconds;

    RandomCommands(long seed, long nowSeconds) {
        this.rnd = new Random(seed);
        this.nowSeconds = nowSeconds;
    }

    Command next() {
        String key = pick(KEYS);
        int roll = rnd.nextInt(100);
        if (roll < 6) {
            return new Command(pick(BAD), key);
        }
        if (roll < 7) {
            return new Command(pick(new String[] {"flush_all\r\n", "flush_all 0\r\n", "flush_all -1\r\n",
                "flush_all noreply\r\n"}), key);
        }
        if (roll < 25) {
            return new Command(storage(key), key);
        }
        if (roll < 40) {
            return new Command(retrieval(), key);
        }
        if (roll < 50) {
            return new Command(keyCommand(key), key);
        }
        if (roll < 65) {
            return new Command("mg " + key + metaFlags(true, "v", "f", "t", "c", "k", "s", "q", "u", "T", "N", "R", "O")
                    + "\r\n", key);
        }
        if (roll < 80) {
            String value = value();
            return new Command("ms " + key + " " + value.length()
                    + metaFlags(false, "F", "T", "C", "I", "q", "k", "c", "O", "Mset", "s") + "\r\n" + value + "\r\n", key);
        }
        if (roll < 88) {
            return new Command("md " + key + metaFlags(false, "q", "C", "I", "T", "k", "O") + "\r\n", key);
        }
        return new Command("ma " + key + metaFlags(true, "N", "J", "D", "T", "Marith", "q", "c", "t", "v", "k", "O", "C")
                + "\r\n", key);
    }

    /** The command's bytes for one target, cas placeholders filled from what that target returned. */
    static String render(Command c, java.util.Map<String, Long> lastCas) {
        Long last = lastCas.get(c.key());
        return c.template()
                .replace("{LAST}", Long.toUnsignedString(last == null ? BOGUS_CAS : last))
                .replace("{LOWER}", Long.toUnsignedString(last == null || last < 2 ? BOGUS_CAS : last - 1))
                .replace("{BOGUS}", Long.toUnsignedString(BOGUS_CAS));
    }

    private String storage(String key) {
        String command = pick(new String[] {"set", "set", "add", "replace", "append", "prepend", "cas"});
        String value = value();
        String line = command + " " + key + " " + flags() + " " + exptime() + " " + value.length();
        if (command.equals("cas")) {
            line += " " + casToken();
        }
        if (rnd.nextInt(8) == 0) {
            line += " noreply";
        }
        return line + "\r\n" + value + "\r\n";
    }

    private String retrieval() {
        String command = pick(new String[] {"get", "gets", "gat", "gats"});
        StringBuilder line = new StringBuilder(command);
        if (command.startsWith("gat")) {
            line.append(' ').append(exptime());
        }
        int keys = 1 + rnd.nextInt(4);
        for (int i = 0; i < keys; i++) {
            line.append(' ').append(pick(KEYS));
        }
        return line.append("\r\n").toString();
    }

    private String keyCommand(String key) {
        String noreply = rnd.nextInt(8) == 0 ? " noreply" : "";
        return switch (rnd.nextInt(4)) {
            case 0 -> "delete " + key + (rnd.nextBoolean() ? " 0" : "") + noreply + "\r\n";
            case 1 -> "touch " + key + " " + exptime() + noreply + "\r\n";
            default -> (rnd.nextBoolean() ? "incr " : "decr ") + key + " " + delta() + noreply + "\r\n";
        };
    }

    /**
     * Some of {@code allowed}, each at most once, in random order. With {@code ttlShown} and t among
     * them, T and N are not negative (memcached would print a wrapped-around TTL).
     */
    private String metaFlags(boolean ttlShown, String... allowed) {
        List<String> pool = new ArrayList<>(List.of(allowed));
        Collections.shuffle(pool, rnd);
        List<String> chosen = pool.subList(0, rnd.nextInt(Math.min(pool.size(), 7) + 1));
        boolean shown = ttlShown && chosen.contains("t");
        StringBuilder out = new StringBuilder();
        for (String flag : chosen) {
            out.append(' ').append(switch (flag) {
                case "T", "N" -> flag + ttl(shown);
                case "R" -> "R" + pick(new String[] {"0", "-1", "50", "200000"});
                case "F" -> "F" + flags();
                case "C" -> "C" + casToken();
                case "J" -> "J" + pick(new String[] {"0", "5", "999999999999999999", "x"});
                case "D" -> "D" + delta();
                case "Mset" -> "M" + pick(new String[] {"S", "E", "A", "P", "R", "S", "E", "A", "P", "R", "I"});
                case "Marith" -> "M" + pick(new String[] {"I", "+", "D", "-", "I", "+", "D", "-", "S"});
                case "O" -> "O" + opaque();
                default -> flag;
            });
        }
        return out.toString();
    }

    private String ttl(boolean shown) {
        return switch (rnd.nextInt(shown ? 3 : 4)) {
            case 0 -> "0";
            case 1 -> Integer.toString(100 + rnd.nextInt(10_000));
            case 2 -> Long.toString(nowSeconds + 1000 + rnd.nextInt(50_000));
            default -> "-1";
        };
    }

    private String exptime() {
        return switch (rnd.nextInt(8)) {
            case 0 -> "-1";
            case 1, 2 -> Integer.toString(100 + rnd.nextInt(10_000));
            case 3 -> Long.toString(nowSeconds + 1000 + rnd.nextInt(50_000));
            case 4 -> Long.toString(nowSeconds - 1000);
            default -> "0";
        };
    }

    private String flags() {
        return switch (rnd.nextInt(4)) {
            case 0 -> "0";
            case 1 -> Integer.toString(rnd.nextInt(100));
            case 2 -> "4294967295";
            default -> Long.toString(rnd.nextLong() & 0xFFFF_FFFFL);
        };
    }

    private String delta() {
        return pick(new String[] {"1", "1", "5", "100", "9999999999"});
    }

    private String casToken() {
        return pick(new String[] {"{LAST}", "{LAST}", "{LOWER}", "{BOGUS}", "0"});
    }

    private String value() {
        int roll = rnd.nextInt(20);
        if (roll < 8) {
            return pick(NUMBERS);
        }
        int length = roll == 0 ? 1000 + rnd.nextInt(100_000) : rnd.nextInt(20);
        return letters(length);
    }

    private String opaque() {
        return letters(rnd.nextInt(10) == 0 ? 30 + rnd.nextInt(8) : rnd.nextInt(8));
    }

    private String letters(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + rnd.nextInt(26)));
        }
        return s.toString();
    }

    private String pick(String[] options) {
        return options[rnd.nextInt(options.length)];
    }
}
