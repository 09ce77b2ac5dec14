package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]}: the longest common
 * subsequence of two strings by Redis's dynamic programming table, walked back from the end the
 * way Redis walks it, so that among several subsequences of the same length the same one (and the
 * same match ranges) is answered.
 */
final class LcsCommand {

    private LcsCommand() {
    }

    static void register(CommandRegistry r) {
        r.add("lcs", LcsCommand::run);
    }

    private static ByteBuf run(Call c) {
        StoredValue va = c.keyspace().get(c.arg(1));
        StoredValue vb = c.keyspace().get(c.arg(2));
        if ((va != null && va.type() != ValueType.STRING) || (vb != null && vb.type() != ValueType.STRING)) {
            throw new RedisError("ERR The specified keys must contain string values");
        }
        byte[] a = va == null ? new byte[0] : va.payload();
        byte[] b = vb == null ? new byte[0] : vb.payload();
        boolean len = false;
        boolean idx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < c.argc(); j++) {
            switch (c.option(j)) {
                case "idx" -> idx = true;
                case "len" -> len = true;
                case "withmatchlen" -> withMatchLen = true;
                case "minmatchlen" -> {
                    if (j + 1 >= c.argc()) {
                        throw RedisError.syntax();
                    }
                    minMatchLen = Math.max(0, c.longArg(++j));
                }
                default -> throw RedisError.syntax();
            }
        }
        if (len && idx) {
            throw new RedisError("ERR If you want both the length and indexes, please just use IDX.");
        }
        long cells = (a.length + 1L) * (b.length + 1L);
        if (cells * 4 > StringLimits.PROTO_MAX_BULK_LEN) {
            throw new RedisError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        if (len) {
            return c.integer(lengthOnly(a, b));
        }
        // Beyond what the heap can spare: Redis's answer when its allocation fails (a node out of heap exits).
        if (!StringLimits.fitsHeap(cells * 4)) {
            throw new RedisError("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        int[] table = table(a, b);
        return idx ? c.array(matches(a, b, table, minMatchLen, withMatchLen)) : c.bulk(sequence(a, b, table));
    }

    /** The LCS table, row-major: entry {@code (i, j)} is the LCS length of a[0..i) and b[0..j). */
    private static int[] table(byte[] a, byte[] b) {
        int w = b.length + 1;
        int[] t = new int[(a.length + 1) * w];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                t[i * w + j] = a[i - 1] == b[j - 1] ? t[(i - 1) * w + j - 1] + 1
                        : Math.max(t[(i - 1) * w + j], t[i * w + j - 1]);
            }
        }
        return t;
    }

    /** The same length with two rows of the table. */
    private static int lengthOnly(byte[] a, byte[] b) {
        int[] previous = new int[b.length + 1];
        int[] row = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                row[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length];
    }

    private static byte[] sequence(byte[] a, byte[] b, int[] t) {
        int w = b.length + 1;
        int k = t[a.length * w + b.length];
        byte[] result = new byte[k];
        int i = a.length;
        int j = b.length;
        while (i > 0 && j > 0) {
            if (a[i - 1] == b[j - 1]) {
                result[--k] = a[i - 1];
                i--;
                j--;
            } else if (t[(i - 1) * w + j] > t[i * w + j - 1]) {
                i--;
            } else {
                j--;
            }
        }
        return result;
    }

    /**
     * IDX's reply (RESP2 form of Redis's map): the matching ranges from the end of the strings
     * backwards, each emitted when it cannot grow further, then the LCS length.
     */
    private static List<Object> matches(byte[] a, byte[] b, int[] t, long minMatchLen, boolean withMatchLen) {
        int w = b.length + 1;
        List<Object> ranges = new ArrayList<>();
        int i = a.length;
        int j = b.length;
        // aStart == a.length: no range open.
        int aStart = a.length;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                if (aStart == a.length) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                emit |= aStart == 0 || bStart == 0;
                i--;
                j--;
            } else {
                if (t[(i - 1) * w + j] > t[i * w + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                emit = aStart != a.length;
            }
            if (emit) {
                long matchLen = aEnd - aStart + 1L;
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    List<Object> range = new ArrayList<>(List.of(List.of((long) aStart, (long) aEnd),
                            List.of((long) bStart, (long) bEnd)));
                    if (withMatchLen) {
                        range.add(matchLen);
                    }
                    ranges.add(range);
                }
                aStart = a.length;
            }
        }
        return List.of("matches", ranges, "len", (long) t[a.length * w + b.length]);
    }
}
