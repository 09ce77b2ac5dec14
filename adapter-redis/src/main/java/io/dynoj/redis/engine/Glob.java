package io.dynoj.redis.engine;

/**
 * A Redis glob pattern ({@code MATCH} of SCAN/HSCAN/SSCAN/ZSCAN, KEYS) over bytes, with Redis's
 * semantics: {@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]} (reversed ranges allowed, an
 * unterminated class ends at the pattern's end), {@code \} escapes. Bytes compare signed, as
 * Redis's C chars do. Immutable and thread-safe.
 */
public final class Glob {

    /** Deeper nesting of {@code *} fails the match instead of risking the stack (Redis 7.2 does the same). */
    private static final int MAX_NESTING = 1000;

    private final byte[] pattern;
    private final boolean matchesAll;

    private Glob(byte[] pattern) {
        this.pattern = pattern;
        this.matchesAll = pattern.length == 1 && pattern[0] == '*';
    }

    public static Glob of(byte[] pattern) {
        return new Glob(pattern.clone());
    }

    public boolean matches(byte[] s) {
        return matchesAll || match(pattern, 0, s, 0, new boolean[1], 0);
    }

    /**
     * {@code skipLonger} is set once a {@code *} has tried every suffix of the string: a later
     * {@code *} further left cannot do better, so the search stops (keeps patterns like
     * {@code *a*a*a*b} linear instead of exponential).
     */
    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean[] skipLonger, int nesting) {
        if (nesting > MAX_NESTING) {
            return false;
        }
        int pEnd = p.length;
        int sEnd = s.length;
        while (pi < pEnd && si < sEnd) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < pEnd && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == pEnd) {
                        return true;
                    }
                    for (; si < sEnd; si++) {
                        if (match(p, pi + 1, s, si, skipLonger, nesting + 1)) {
                            return true;
                        }
                        if (skipLonger[0]) {
                            return false;
                        }
                    }
                    skipLonger[0] = true;
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi = matchClass(p, pi + 1, s[si]);
                    if (pi < 0) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (pEnd - pi >= 2) {
                        pi++;
                    }
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == sEnd) {
                while (pi < pEnd && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == pEnd && si == sEnd;
    }

    /**
     * Matches {@code c} against the class starting at {@code pi} (just after {@code [}); returns the
     * index of the class's last byte ({@code ]}, or the pattern's last byte when unterminated), or -1
     * when {@code c} is not in the class.
     */
    private static int matchClass(byte[] p, int pi, byte c) {
        int pEnd = p.length;
        boolean not = pi < pEnd && p[pi] == '^';
        if (not) {
            pi++;
        }
        boolean matched = false;
        while (true) {
            if (pi < pEnd && p[pi] == '\\' && pEnd - pi >= 2) {
                pi++;
                matched |= p[pi] == c;
            } else if (pi < pEnd && p[pi] == ']') {
                break;
            } else if (pi >= pEnd) {
                pi--;
                break;
            } else if (pEnd - pi >= 3 && p[pi + 1] == '-') {
                int start = Math.min(p[pi], p[pi + 2]);
                int end = Math.max(p[pi], p[pi + 2]);
                matched |= c >= start && c <= end;
                pi += 2;
            } else {
                matched |= p[pi] == c;
            }
            pi++;
        }
        return matched != not ? pi : -1;
    }
}
