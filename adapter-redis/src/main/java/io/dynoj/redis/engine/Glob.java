package io.dynoj.redis.engine;

/** Redis's glob-style pattern matching (KEYS, SCAN MATCH): {@code * ? [abc] [^a-z] \x}. */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] string) {
        return match(pattern, 0, string, 0, false);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase) {
        while (pi < p.length && si <= s.length) {
            byte c = p[pi];
            switch (c) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (int k = si; k <= s.length; k++) {
                        if (match(p, pi + 1, s, k, nocase)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si == s.length) {
                        return false;
                    }
                    si++;
                    pi++;
                }
                case '[' -> {
                    if (si == s.length) {
                        return false;
                    }
                    int[] next = {pi + 1};
                    boolean ok = bracket(p, next, s[si]);
                    if (!ok) {
                        return false;
                    }
                    pi = next[0];
                    si++;
                }
                default -> {
                    if (c == '\\' && pi + 1 < p.length) {
                        pi++;
                        c = p[pi];
                    }
                    if (si == s.length || s[si] != c) {
                        return false;
                    }
                    si++;
                    pi++;
                }
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length && si == s.length;
    }

    /** Matches one byte against {@code [...]} starting after '['; leaves pos after ']'. */
    private static boolean bracket(byte[] p, int[] pos, byte ch) {
        int i = pos[0];
        boolean not = i < p.length && p[i] == '^';
        if (not) {
            i++;
        }
        boolean match = false;
        while (i < p.length && p[i] != ']') {
            if (p[i] == '\\' && i + 1 < p.length) {
                i++;
                match |= p[i] == ch;
            } else if (i + 2 < p.length && p[i + 1] == '-' && p[i + 2] != ']') {
                int lo = p[i] & 0xFF;
                int hi = p[i + 2] & 0xFF;
                if (lo > hi) {
                    int t = lo;
                    lo = hi;
                    hi = t;
                }
                int c = ch & 0xFF;
                match |= c >= lo && c <= hi;
                i += 2;
            } else {
                match |= p[i] == ch;
            }
            i++;
        }
        pos[0] = Math.min(i + 1, p.length);
        return not != match;
    }
}
