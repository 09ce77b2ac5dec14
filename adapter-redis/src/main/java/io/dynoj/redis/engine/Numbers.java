package io.dynoj.redis.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/** Numbers read and written the way Redis reads and writes them. */
public final class Numbers {

    private Numbers() {
    }

    /** Redis's string2ll: optional '-', no '+', no leading zeros or spaces, within 64 bits. */
    public static long parseLong(byte[] b) {
        Long v = tryParseLong(b);
        if (v == null) {
            throw RedisError.notInteger();
        }
        return v;
    }

    /** {@link #parseLong} without the exception; {@code null} when not an integer. */
    public static Long tryParseLong(byte[] b) {
        int n = b.length;
        if (n == 0 || n > 20) {
            return null;
        }
        if (n == 1 && b[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = b[0] == '-';
        if (negative) {
            i++;
            if (n == 1) {
                return null;
            }
        }
        if (b[i] < '1' || b[i] > '9') {
            return null;
        }
        long v = 0;
        for (; i < n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            // Accumulate negatively so that Long.MIN_VALUE parses.
            if (v < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return null;
            }
            v = -v;
        }
        return v;
    }

    /**
     * A float as strtod reads it, with Redis's extra rules: no surrounding spaces, the whole
     * argument used, not NaN. {@code inf}, {@code +inf}, {@code -inf} are accepted.
     */
    public static double parseDouble(byte[] b, String error) {
        Double d = tryParseDouble(b);
        if (d == null) {
            throw new RedisError(error);
        }
        return d;
    }

    public static Double tryParseDouble(byte[] b) {
        if (b.length == 0 || b.length > 300) {
            return null;
        }
        String s = new String(b, StandardCharsets.US_ASCII);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (isHex(lower)) {
            return parseHex(lower);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** strtod's hexadecimal floats: {@code 0x10}, {@code -0x1.8p1}. */
    static boolean isHex(String lower) {
        return lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x");
    }

    private static Double parseHex(String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f') && "x.p+-".indexOf(c) < 0) {
                return null;
            }
        }
        try {
            double d = Double.parseDouble(lower.indexOf('p') < 0 ? lower + "p0" : lower);
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A double as Redis 7.0 replies it: {@code %.17g}, {@code inf}/{@code -inf}. */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return m + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** INCRBYFLOAT's result as Redis prints it: 17 decimals, trailing zeros removed. */
    public static String formatLongDouble(BigDecimal v) {
        BigDecimal r = v.setScale(17, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (r.signum() == 0) {
            return "0";
        }
        return r.toPlainString();
    }
}
