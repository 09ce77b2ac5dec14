package io.dynoj.redis.engine;

import java.util.List;
import java.util.Locale;

/**
 * One CONFIG parameter the engine answers: its name, Redis's alias, and how a new value is checked.
 * {@link #tunable} parameters are Redis's memory-encoding thresholds (and the like): CONFIG SET
 * stores a valid value and CONFIG GET returns it, with no effect, as the engine keeps one encoding
 * per type. The others describe the node and only accept the value they have.
 *
 * @param name Redis 7.0's name
 * @param alias Redis's older name, or null
 * @param tunable whether CONFIG SET may change it
 * @param check what a value must be, as Redis checks it
 */
record ConfigParam(String name, String alias, boolean tunable, Check check) {

    /** How Redis parses and bounds a value; {@link #normalize} gives the text CONFIG GET returns. */
    record Check(Kind kind, long min, long max, List<String> words) {

        enum Kind { INTEGER, MEMORY, BOOL, ENUM, TEXT }

        static Check integer(long min, long max) {
            return new Check(Kind.INTEGER, min, max, List.of());
        }

        static Check memory(long min, long max) {
            return new Check(Kind.MEMORY, min, max, List.of());
        }

        static Check bool() {
            return new Check(Kind.BOOL, 0, 0, List.of("yes", "no"));
        }

        static Check oneOf(String... words) {
            return new Check(Kind.ENUM, 0, 0, List.of(words));
        }

        static Check text() {
            return new Check(Kind.TEXT, 0, 0, List.of());
        }

        /** The stored form of {@code value}; throws with Redis's reason when it is not valid. */
        String normalize(String value) {
            return switch (kind) {
                case INTEGER -> bounded(integer(value));
                case MEMORY -> bounded(memory(value));
                case BOOL, ENUM -> word(value);
                case TEXT -> value;
            };
        }

        private String word(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (words.contains(lower)) {
                return lower;
            }
            throw new IllegalArgumentException(kind == Kind.BOOL ? "argument must be 'yes' or 'no'"
                    : "argument(s) must be one of the following: " + String.join(", ", words));
        }

        private String bounded(long v) {
            if (v < min || v > max) {
                throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(v);
        }

        private static long integer(String value) {
            Long v = Numbers.tryParseLong(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (v == null) {
                throw new IllegalArgumentException("argument couldn't be parsed into an integer");
            }
            return v;
        }

        /** Redis's memtoull: a number with an optional unit k, kb, m, mb, g, gb (any case). */
        private static long memory(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            long unit = 1;
            String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"},
                    {"g", "1000000000"}, {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
            for (String[] u : units) {
                if (lower.endsWith(u[0])) {
                    unit = Long.parseLong(u[1]);
                    lower = lower.substring(0, lower.length() - u[0].length());
                    break;
                }
            }
            try {
                if (lower.isEmpty() || !Character.isDigit(lower.charAt(0))) {
                    throw new NumberFormatException(value);
                }
                return Math.multiplyExact(Long.parseLong(lower), unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("argument must be a memory value");
            }
        }
    }

    boolean hasName(String lowerName) {
        return name.equals(lowerName) || lowerName.equals(alias);
    }
}
