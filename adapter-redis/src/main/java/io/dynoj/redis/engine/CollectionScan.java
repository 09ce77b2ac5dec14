package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * HSCAN, SSCAN and ZSCAN: {@code XSCAN key cursor [MATCH pattern] [COUNT count]}. The engine's
 * collections are one stored entry each, so the whole (filtered) collection is returned at once
 * with cursor {@code 0}, as Redis does for its small encodings; COUNT is validated and ignored.
 * Errors come in Redis's order: cursor, then type, then options (options of a missing key are
 * not checked).
 */
public final class CollectionScan {

    /** The scan's reply items of one stored collection: those whose element matches {@code pattern}. */
    @FunctionalInterface
    public interface Elements {
        /**
         * @param payload the collection's {@link Codec} payload
         * @param pattern the MATCH pattern, {@code null} when every element is wanted
         * @return the reply items (for hashes and zsets: element, then its value or score)
         */
        List<Object> matching(byte[] payload, Glob pattern);
    }

    private CollectionScan() {
    }

    public static ByteBuf run(Call c, ValueType type, Elements elements) {
        parseCursor(c.arg(2));
        StoredValue value = c.keyspace().get(c.arg(1), type);
        if (value == null) {
            return c.array(List.of("0", List.of()));
        }
        Glob pattern = null;
        for (int i = 3; i < c.argc(); i += 2) {
            boolean hasValue = i + 1 < c.argc();
            String option = c.option(i);
            if (option.equals("count") && hasValue) {
                if (c.longArg(i + 1) < 1) {
                    throw RedisError.syntax();
                }
            } else if (option.equals("match") && hasValue) {
                pattern = Glob.of(c.arg(i + 1));
            } else {
                throw RedisError.syntax();
            }
        }
        return c.array(List.of("0", elements.matching(value.payload(), pattern)));
    }

    /**
     * A cursor as Redis reads it (strtoul): optional sign, decimal digits up to 2^64-1, nothing
     * around them; the empty string is cursor 0. The value itself does not matter here.
     */
    static void parseCursor(byte[] cursor) {
        if (cursor.length == 0) {
            return;
        }
        int i = cursor[0] == '+' || cursor[0] == '-' ? 1 : 0;
        if (i == cursor.length) {
            throw invalidCursor();
        }
        // 2^64-1 has 20 digits; compare longer digit strings after leading zeros are dropped.
        while (i < cursor.length - 1 && cursor[i] == '0') {
            i++;
        }
        String digits = new String(cursor, i, cursor.length - i, java.nio.charset.StandardCharsets.US_ASCII);
        for (int k = 0; k < digits.length(); k++) {
            char ch = digits.charAt(k);
            if (ch < '0' || ch > '9') {
                throw invalidCursor();
            }
        }
        if (digits.length() > 20 || (digits.length() == 20 && digits.compareTo("18446744073709551615") > 0)) {
            throw invalidCursor();
        }
    }

    private static RedisError invalidCursor() {
        return new RedisError("ERR invalid cursor");
    }
}
