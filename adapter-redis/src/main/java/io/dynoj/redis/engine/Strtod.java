package io.dynoj.redis.engine;

/**
 * C's {@code strtod} as glibc reads a byte string: leading white space, a sign, {@code inf},
 * {@code infinity}, {@code nan}, hexadecimal ({@code 0x1.8p3}, {@code 0x10}) and decimal forms,
 * the longest valid prefix. Redis reads sorted-set scores, weights and score ranges with it, so
 * the engine accepts exactly what Redis accepts ({@code ZADD k 0x10 m} is a score of 16).
 * Stateless and thread-safe.
 */
final class Strtod {

    /** What one call read: the value, where reading stopped, and whether ERANGE would be set. */
    record Result(double value, int end, boolean range) {
    }

    private Strtod() {
    }

    /**
     * Redis's {@code string2d}: the whole argument is one float, not starting with white space,
     * not overflowing to infinity or underflowing to zero, not NaN; {@code null} otherwise.
     */
    static Double parseStrict(byte[] b) {
        if (b.length == 0 || isSpace(b[0])) {
            return null;
        }
        Result r = parse(b, 0);
        if (r.end != b.length || r.range || Double.isNaN(r.value)) {
            return null;
        }
        return r.value;
    }

    /** {@link #parseStrict} or the given error. */
    static double parseStrict(byte[] b, String error) {
        Double d = parseStrict(b);
        if (d == null) {
            throw new RedisError(error);
        }
        return d;
    }

    /** Reads a float at {@code from}; end is {@code from} when nothing could be read (value 0). */
    static Result parse(byte[] b, int from) {
        int i = from;
        while (i < b.length && isSpace(b[i])) {
            i++;
        }
        boolean negative = false;
        if (i < b.length && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        Result r = word(b, i);
        if (r == null) {
            r = hasHexPrefix(b, i) ? hex(b, i + 2) : null;
        }
        if (r == null) {
            r = decimal(b, i);
        }
        if (r == null) {
            return new Result(0, from, false);
        }
        return negative ? new Result(-r.value, r.end, r.range) : r;
    }

    private static Result word(byte[] b, int i) {
        if (matches(b, i, "infinity")) {
            return new Result(Double.POSITIVE_INFINITY, i + 8, false);
        }
        if (matches(b, i, "inf")) {
            return new Result(Double.POSITIVE_INFINITY, i + 3, false);
        }
        if (matches(b, i, "nan")) {
            int end = i + 3;
            // nan(n-char-sequence) is consumed whole when the parenthesis closes.
            if (end < b.length && b[end] == '(') {
                int j = end + 1;
                while (j < b.length && (Character.isLetterOrDigit(b[j]) || b[j] == '_')) {
                    j++;
                }
                if (j < b.length && b[j] == ')') {
                    end = j + 1;
                }
            }
            return new Result(Double.NaN, end, false);
        }
        return null;
    }

    private static boolean hasHexPrefix(byte[] b, int i) {
        if (i + 2 >= b.length || b[i] != '0' || (b[i + 1] | 0x20) != 'x') {
            return false;
        }
        int j = i + 2;
        return hexDigit(b[j]) >= 0 || (b[j] == '.' && j + 1 < b.length && hexDigit(b[j + 1]) >= 0);
    }

    private static Result hex(byte[] b, int i) {
        StringBuilder digits = new StringBuilder("0x");
        while (i < b.length && hexDigit(b[i]) >= 0) {
            digits.append((char) b[i++]);
        }
        if (i < b.length && b[i] == '.') {
            digits.append('.');
            i++;
            while (i < b.length && hexDigit(b[i]) >= 0) {
                digits.append((char) b[i++]);
            }
        }
        int exponentEnd = exponent(b, i, 'p');
        digits.append('p').append(exponentEnd > i ? ascii(b, i + 1, exponentEnd) : "0");
        double value = Double.parseDouble(digits.toString());
        return new Result(value, exponentEnd, Double.isInfinite(value) || underflowed(value, digits, 2));
    }

    private static Result decimal(byte[] b, int i) {
        int start = i;
        int digits = 0;
        while (i < b.length && isDigit(b[i])) {
            i++;
            digits++;
        }
        if (i < b.length && b[i] == '.') {
            i++;
            while (i < b.length && isDigit(b[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        int end = exponent(b, i, 'e');
        String text = ascii(b, start, end);
        double value = Double.parseDouble(text.endsWith(".") ? text + "0" : text);
        return new Result(value, end, Double.isInfinite(value) || underflowed(value, ascii(b, start, i), 0));
    }

    /** The end of an exponent ({@code e-5}, {@code p+3}) at {@code i}, or {@code i} when none is complete. */
    private static int exponent(byte[] b, int i, char marker) {
        if (i >= b.length || (b[i] | 0x20) != marker) {
            return i;
        }
        int j = i + 1;
        if (j < b.length && (b[j] == '+' || b[j] == '-')) {
            j++;
        }
        if (j >= b.length || !isDigit(b[j])) {
            return i;
        }
        while (j < b.length && isDigit(b[j])) {
            j++;
        }
        return j;
    }

    /** A zero result from non-zero digits: strtod sets ERANGE. */
    private static boolean underflowed(double value, CharSequence mantissa, int skip) {
        if (value != 0) {
            return false;
        }
        for (int k = skip; k < mantissa.length(); k++) {
            char ch = mantissa.charAt(k);
            if (ch == 'p' || ch == 'P') {
                break;
            }
            if (ch != '0' && ch != '.') {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] b, int i, String word) {
        if (i + word.length() > b.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int hexDigit(byte c) {
        return Character.digit(c, 16);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
