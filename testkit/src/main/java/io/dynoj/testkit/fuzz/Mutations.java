package io.dynoj.testkit.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ways fuzz targets damage valid input and cut it into reads, chosen by a {@link FuzzBytes}. Mutations
 * favour the bytes text protocols are made of (markers, CR, LF, digits, spaces, quotes) and numbers at the
 * edges of what parsers take, so that a few damaged bytes reach the error paths that random bytes rarely do.
 */
public final class Mutations {

    private static final byte[] INTERESTING = "*$+-:\r\n0123456789 \"'\\\t{}%/?#&=".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] NUMBERS = {"-1", "0", "-0", "1", "2147483647", "2147483648", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999", "536870912",
        "1048577", "00001", "+1", " 1", "1 ", "0x10", ""};
    private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_-.";

    private Mutations() {
    }

    /** {@code input} with one to eight mutations applied. */
    public static byte[] apply(byte[] input, FuzzBytes in) {
        byte[] out = input;
        int count = 1 + in.nextInt(8);
        for (int i = 0; i < count; i++) {
            out = mutateOnce(out, in);
        }
        return out;
    }

    private static byte[] mutateOnce(byte[] input, FuzzBytes in) {
        int at = input.length == 0 ? 0 : in.nextInt(input.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 32);
        int kind = in.nextInt(7);
        switch (kind) {
            case 0 -> { // replace one byte
                out.write(input, 0, at);
                out.write(INTERESTING[in.nextInt(INTERESTING.length)]);
                out.write(input, Math.min(at + 1, input.length), input.length - Math.min(at + 1, input.length));
            }
            case 1 -> { // insert an interesting byte
                out.write(input, 0, at);
                out.write(INTERESTING[in.nextInt(INTERESTING.length)]);
                out.write(input, at, input.length - at);
            }
            case 2 -> { // delete a run
                int end = Math.min(input.length, at + 1 + in.nextInt(16));
                out.write(input, 0, at);
                out.write(input, end, input.length - end);
            }
            case 3 -> { // insert an edge number
                out.write(input, 0, at);
                out.writeBytes(NUMBERS[in.nextInt(NUMBERS.length)].getBytes(StandardCharsets.ISO_8859_1));
                out.write(input, at, input.length - at);
            }
            case 4 -> { // truncate
                out.write(input, 0, at);
            }
            case 5 -> { // duplicate a run
                int end = Math.min(input.length, at + 1 + in.nextInt(64));
                out.write(input, 0, end);
                out.write(input, at, input.length - at);
            }
            default -> { // raw bytes from the fuzzer
                out.write(input, 0, at);
                out.writeBytes(in.nextBytes(1 + in.nextInt(8)));
                out.write(input, at, input.length - at);
            }
        }
        return out.toByteArray();
    }

    /**
     * {@code input} cut into reads: whole, one byte at a time, or at sizes the fuzzer picks. The pieces
     * cover the input exactly, in order.
     */
    public static List<byte[]> chunks(byte[] input, FuzzBytes in) {
        List<byte[]> out = new ArrayList<>();
        int style = in.nextInt(4);
        // Tiny reads of a long input cost time and find nothing that tiny reads of a short one do not.
        if (style == 1 && input.length > 128 || style == 2 && input.length > 1024) {
            style = 3;
        }
        int from = 0;
        while (from < input.length) {
            int size = switch (style) {
                case 0 -> input.length;
                case 1 -> 1;
                case 2 -> 1 + in.nextLength(16);
                default -> 1 + in.nextInt(input.length / 4 + 1);
            };
            int to = Math.min(input.length, from + size);
            byte[] piece = new byte[to - from];
            System.arraycopy(input, from, piece, 0, piece.length);
            out.add(piece);
            from = to;
        }
        return out;
    }

    /** {@code name} in a case the fuzzer picks: lower, upper or mixed, as clients send commands. */
    public static String randomCase(String name, FuzzBytes in) {
        return switch (in.nextInt(3)) {
            case 0 -> name;
            case 1 -> name.toUpperCase(Locale.ROOT);
            default -> {
                StringBuilder sb = new StringBuilder(name);
                for (int i = 0; i < sb.length(); i++) {
                    if (in.nextBoolean()) {
                        sb.setCharAt(i, Character.toUpperCase(sb.charAt(i)));
                    }
                }
                yield sb.toString();
            }
        };
    }

    /** A non-empty word of letters, digits and {@code :_-.}. */
    public static String word(FuzzBytes in) {
        int length = 1 + in.nextLength(40);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(WORD_CHARS.charAt(in.nextInt(WORD_CHARS.length())));
        }
        return sb.toString();
    }
}
