package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded random Redis commands for differential testing: small key pools per type (so commands
 * meet existing values), a share of keys of the wrong type, bad numbers and bad options.
 */
final class RandomCommands {

    /** One family's generator: a command as its arguments. */
    interface Family extends Function<RandomCommands, List<String>> {
    }

    final Random random;

    RandomCommands(long seed) {
        this.random = new Random(seed);
    }

    static final Map<String, Family> FAMILIES = Map.of(
            "strings", StringGen::next,
            "keys", KeyGen::next,
            "zsets", ZSetGen::next,
            "bits", BitGen::next);

    List<String> next(List<String> families) {
        return FAMILIES.get(families.get(random.nextInt(families.size()))).apply(this);
    }

    // Building blocks.

    String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A key of {@code type}'s pool, sometimes one of another type's pool. */
    String key(String type) {
        String pool = chance(8) ? pick("s", "h", "l", "t", "z") : type;
        return pool + ":" + random.nextInt(4);
    }

    String integer() {
        return switch (random.nextInt(10)) {
            case 0 -> pick("abc", "1.5", "", " 1", "+1", "01", "-0", "9223372036854775808");
            case 1 -> pick("9223372036854775807", "-9223372036854775808", "-1", "0");
            default -> Integer.toString(random.nextInt(21) - 5);
        };
    }

    String floating() {
        return switch (random.nextInt(10)) {
            case 0 -> pick("abc", "nan", "", "1.5.2", "inf", "-inf", "0x10");
            case 1 -> pick("1e3", "-2.5e-3", ".5", "5.", "+3.25");
            default -> (random.nextInt(200) - 100) / 4.0 + "";
        };
    }

    String value() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> Integer.toString(random.nextInt(100) - 20);
            case 2 -> pick("10.5", "3.0", "-1.25");
            default -> pick("a", "b", "c", "hello", "world", "x y", "zz", "\u00e9t\u00e9");
        };
    }

    List<String> cmd(String... parts) {
        return new ArrayList<>(Arrays.asList(parts));
    }
}
