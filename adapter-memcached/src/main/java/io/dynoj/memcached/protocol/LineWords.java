package io.dynoj.memcached.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The words of one command line, split as memcached's {@code tokenize_command} splits them: on spaces
 * only (a tab is part of a word), nothing copied. Word positions are relative to the line's start,
 * which is where the request's frame starts, so they serve as the request's key offsets. Reused for
 * every line of a connection; not thread-safe.
 */
final class LineWords {

    /** memcached tokenizes at most 23 tokens (plus a terminal one) for commands other than get. */
    private static final int MAX_TOKENS = 24;

    private ByteBuf in;
    private int start;
    /** (offset from the line's start, length) pairs: room for 8 words (a storage command has 6), grown for long gets. */
    private int[] words = new int[16];
    private int count;

    /** Splits {@code in[start, end)}, the line without its newline. */
    void split(ByteBuf in, int start, int end) {
        this.in = in;
        this.start = start;
        count = 0;
        int i = start;
        while (i < end) {
            while (i < end && in.getByte(i) == ' ') {
                i++;
            }
            if (i == end) {
                break;
            }
            int wordStart = i;
            int space = in.indexOf(i, end, (byte) ' ');
            i = space < 0 ? end : space;
            if (2 * count + 1 >= words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            words[2 * count] = wordStart - start;
            words[2 * count + 1] = i - wordStart;
            count++;
        }
    }

    int count() {
        return count;
    }

    /** memcached's ntokens: the words (at most 23 counted for commands other than get) plus the terminal token. */
    int ntokens() {
        return Math.min(count, MAX_TOKENS - 1) + 1;
    }

    int length(int w) {
        return words[2 * w + 1];
    }

    /** The first byte of word {@code w}. */
    byte first(int w) {
        return in.getByte(start + words[2 * w]);
    }

    /** Word {@code w} as text, for names of at most {@code maxLength} bytes; "" for longer ones. */
    String text(int w, int maxLength) {
        return length(w) <= maxLength ? in.toString(start + words[2 * w], length(w), StandardCharsets.US_ASCII) : "";
    }

    boolean startsWith(int w, String prefix) {
        if (length(w) < prefix.length()) {
            return false;
        }
        int from = start + words[2 * w];
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** memcached's set_noreply_maybe: the last token (of at most 23) is exactly "noreply". */
    boolean lastIsNoreply() {
        int last = ntokens() - 2;
        return length(last) == 7 && startsWith(last, "noreply");
    }

    /** Word {@code w} exists and is a number of {@code field}. */
    boolean isNumber(int w, NumberField field) {
        return w < count && field.accepts(in, start + words[2 * w], start + words[2 * w] + length(w));
    }

    /** Word {@code w} as a number of {@code field} (a 32-bit one), or {@link NumberField#INVALID}. */
    long number(int w, NumberField field) {
        return w < count ? field.parse(in, start + words[2 * w], start + words[2 * w] + length(w)) : NumberField.INVALID;
    }

    /** The (offset, length) pairs of words {@code from} to {@code to} (exclusive): a request's keys. */
    int[] positions(int from, int to) {
        return Arrays.copyOfRange(words, 2 * from, 2 * to);
    }
}
