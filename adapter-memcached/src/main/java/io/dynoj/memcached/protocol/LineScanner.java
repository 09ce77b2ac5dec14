package io.dynoj.memcached.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Finds the newline that ends a command line under memcached's length rules, remembering across
 * reads how far it searched, so that a line arriving in pieces is not searched again. A line may
 * hold {@value #MAX_LINE} bytes (unless configured otherwise) before its newline; a {@code get}/{@code gets} line (after at most
 * {@value #MAX_LEADING_SPACES} spaces) may grow up to the largest request the node takes. One per
 * decoder; not thread-safe.
 */
final class LineScanner {

    /** No newline yet, and the line may still grow. */
    static final int MORE = -1;
    /** Too long, not a get: memcached closes the connection without a word. */
    static final int TOO_LONG = -2;
    /** A get line longer than the node takes: memcached runs out of memory reading it. */
    static final int GET_TOO_LONG = -3;

    /** memcached closes a connection that sends more than this without a newline (except get/gets). */
    static final int MAX_LINE = 2048;
    /** The line length allowed here: MAX_LINE unless configured ({@code memcached_max_line_length}). */
    private final int maxLine;
    /** memcached looks at most this many spaces ahead of a long get line. */
    private static final int MAX_LEADING_SPACES = 100;

    /** The largest line the node takes, newline included. */
    private final long maxFrame;
    /** How far the current line was searched, relative to its start. */
    private int scan;
    /** Bytes allowed before the newline (MAX_LINE, or more for a long get). */
    private int lineLimit;
    /** The current line is a get longer than MAX_LINE. */
    private boolean longGet;

    LineScanner(long maxFrame, int maxLine) {
        this.maxFrame = maxFrame;
        this.maxLine = maxLine;
        this.lineLimit = maxLine;
    }

    /** The index of the newline of the line at {@code in}'s reader index, or MORE, TOO_LONG, GET_TOO_LONG. */
    int find(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        for (;;) {
            int searchEnd = (int) Math.min(end, (long) start + lineLimit + 1);
            int newline = in.indexOf(start + scan, searchEnd, (byte) '\n');
            if (newline >= 0) {
                reset();
                return newline;
            }
            if (end - start <= lineLimit) {
                scan = end - start;
                return MORE;
            }
            if (longGet || !isMultiGet(in, start, end)) {
                return longGet ? GET_TOO_LONG : TOO_LONG;
            }
            // memcached lets a multiget line grow without bound; Dynoj up to maxRequestBytes.
            if (maxFrame - 1 <= maxLine) {
                return GET_TOO_LONG;
            }
            longGet = true;
            scan = maxLine + 1;
            lineLimit = (int) (maxFrame - 1);
        }
    }

    /** Forgets the line searched so far. */
    void reset() {
        scan = 0;
        lineLimit = maxLine;
        longGet = false;
    }

    /** memcached's test for a long line it keeps reading: at most 100 spaces, then "get " or "gets ". */
    private static boolean isMultiGet(ByteBuf in, int start, int end) {
        int p = start;
        while (p < end && in.getByte(p) == ' ') {
            p++;
        }
        return p - start <= MAX_LEADING_SPACES && (startsWith(in, p, end, "get ") || startsWith(in, p, end, "gets "));
    }

    private static boolean startsWith(ByteBuf in, int from, int end, String prefix) {
        if (end - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
