package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments the way Redis does (sdssplitargs): blanks separate,
 * "double quotes" take \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' take \'. A closing
 * quote must be followed by a blank or the end of the line.
 */
final class InlineSplitter {

    private InlineSplitter() {
    }

    /** The words of bytes [from, to) (a trailing '\r' is dropped), or {@code null} for unbalanced quotes. */
    static List<byte[]> split(ByteBuf in, int from, int to) {
        int end = to > from && in.getByte(to - 1) == '\r' ? to - 1 : to;
        List<byte[]> words = new ArrayList<>();
        int i = from;
        while (true) {
            while (i < end && isBlank(in.getByte(i))) {
                i++;
            }
            if (i >= end) {
                return words;
            }
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            byte first = in.getByte(i);
            i = first == '"' ? doubleQuoted(in, i + 1, end, word)
                    : first == '\'' ? singleQuoted(in, i + 1, end, word)
                    : plain(in, i, end, word);
            if (i < 0) {
                return null;
            }
            words.add(word.toByteArray());
        }
    }

    private static int plain(ByteBuf in, int i, int end, ByteArrayOutputStream word) {
        while (i < end && !isBlank(in.getByte(i))) {
            word.write(in.getByte(i++));
        }
        return i;
    }

    private static int doubleQuoted(ByteBuf in, int i, int end, ByteArrayOutputStream word) {
        while (i < end) {
            byte b = in.getByte(i);
            if (b == '\\' && i + 3 < end && in.getByte(i + 1) == 'x'
                    && isHex(in.getByte(i + 2)) && isHex(in.getByte(i + 3))) {
                word.write(Character.digit(in.getByte(i + 2), 16) * 16 + Character.digit(in.getByte(i + 3), 16));
                i += 4;
            } else if (b == '\\' && i + 1 < end) {
                byte c = in.getByte(i + 1);
                word.write(switch (c) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'a' -> 7;
                    default -> c;
                });
                i += 2;
            } else if (b == '"') {
                return closing(in, i + 1, end);
            } else {
                word.write(b);
                i++;
            }
        }
        return -1;
    }

    private static int singleQuoted(ByteBuf in, int i, int end, ByteArrayOutputStream word) {
        while (i < end) {
            byte b = in.getByte(i);
            if (b == '\\' && i + 1 < end && in.getByte(i + 1) == '\'') {
                word.write('\'');
                i += 2;
            } else if (b == '\'') {
                return closing(in, i + 1, end);
            } else {
                word.write(b);
                i++;
            }
        }
        return -1;
    }

    private static int closing(ByteBuf in, int next, int end) {
        return next < end && !isBlank(in.getByte(next)) ? -1 : next;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
