package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The words of a request's command line, split on spaces as memcached splits them; nothing is copied.
 * The decoder already checked the line's shape (word counts, key lengths, classic numbers), so the
 * engine reads them without checking again; meta flags it parses itself ({@link MetaFlags}).
 */
final class CommandLine {

    private final ByteBuf frame;
    private int[] words = new int[16];
    private int count;

    private CommandLine(ByteBuf frame) {
        this.frame = frame;
    }

    static CommandLine of(ByteBuf frame) {
        CommandLine line = new CommandLine(frame);
        int start = frame.readerIndex();
        int newline = frame.indexOf(start, frame.writerIndex(), (byte) '\n');
        int end = newline < 0 ? frame.writerIndex() : newline;
        if (end > start && frame.getByte(end - 1) == '\r') {
            end--;
        }
        int i = start;
        while (i < end) {
            if (frame.getByte(i) == ' ') {
                i++;
                continue;
            }
            int space = frame.indexOf(i, end, (byte) ' ');
            int wordEnd = space < 0 ? end : space;
            line.add(i, wordEnd - i);
            i = wordEnd;
        }
        return line;
    }

    private void add(int offset, int length) {
        if (2 * count + 1 >= words.length) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        words[2 * count] = offset;
        words[2 * count + 1] = length;
        count++;
    }

    int count() {
        return count;
    }

    /** Absolute index of word {@code i} in the frame. */
    int offset(int i) {
        return words[2 * i];
    }

    int length(int i) {
        return words[2 * i + 1];
    }

    /** The first byte of word {@code i}, unsigned. */
    int first(int i) {
        return frame.getByte(offset(i)) & 0xff;
    }

    /** The byte at {@code index} of word {@code i}, unsigned. */
    int byteAt(int i, int index) {
        return frame.getByte(offset(i) + index) & 0xff;
    }

    ByteBuf frame() {
        return frame;
    }

    void write(ByteBuf out, int i) {
        out.writeBytes(frame, offset(i), length(i));
    }

    boolean is(int i, String text) {
        if (length(i) != text.length()) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (frame.getByte(offset(i) + k) != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Word {@code i}, which the decoder checked is a decimal number (optionally negative). */
    long number(int i) {
        return Long.parseLong(frame.toString(offset(i), length(i), StandardCharsets.US_ASCII));
    }

    /** Word {@code i} as an unsigned 64-bit number the decoder checked (deltas, cas values). */
    long unsignedNumber(int i) {
        return Long.parseUnsignedLong(frame.toString(offset(i), length(i), StandardCharsets.US_ASCII));
    }
}
