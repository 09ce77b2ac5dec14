package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Finds the key arguments of a command, as {@code (offset, length)} pairs into its frame. */
final class KeyFinder {

    static final int[] NONE = new int[0];
    /** Marker: the command asked to block (XREAD ... BLOCK), which Dynoj refuses. */
    static final int[] BLOCKING = new int[0];

    private static final byte[] STREAMS = "streams".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLOCK = "block".getBytes(StandardCharsets.US_ASCII);

    private KeyFinder() {
    }

    static int[] keys(CommandSpec spec, ByteBuf frame, int argc, int[] args) {
        if (spec.keysRule() != null) {
            return byRule(spec.keysRule(), frame, argc, args);
        }
        if (spec.firstKey() <= 0) {
            return NONE;
        }
        int last = spec.lastKey() < 0 ? argc + spec.lastKey() : Math.min(spec.lastKey(), argc - 1);
        return range(args, spec.firstKey(), last, Math.max(1, spec.step()));
    }

    private static int[] byRule(CommandSpec.KeysRule rule, ByteBuf frame, int argc, int[] args) {
        switch (rule) {
            case NUMKEYS_AT_2:
                return counted(frame, argc, args, 2, -1);
            case NUMKEYS_AT_1:
                return counted(frame, argc, args, 1, -1);
            case DEST_THEN_NUMKEYS_AT_2:
                return counted(frame, argc, args, 2, 1);
            case SUBCOMMAND_KEY:
                return argc > 2 ? range(args, 2, 2, 1) : NONE;
            case AFTER_STREAMS:
                return afterStreams(frame, argc, args);
            default:
                throw new IllegalStateException("unknown rule " + rule);
        }
    }

    /** Keys announced by a count at {@code countAt}; plus a destination key at {@code dest} when >= 0. */
    private static int[] counted(ByteBuf frame, int argc, int[] args, int countAt, int dest) {
        if (argc <= countAt) {
            return NONE;
        }
        long n = RespScanner.number(frame, args[2 * countAt], args[2 * countAt] + args[2 * countAt + 1]);
        // A bad count is the datastore's to report; it only means we route by no key.
        if (n <= 0 || countAt + n >= argc + 0L) {
            return dest >= 0 ? range(args, dest, dest, 1) : NONE;
        }
        int[] keys = range(args, countAt + 1, countAt + (int) n, 1);
        if (dest < 0) {
            return keys;
        }
        int[] withDest = new int[keys.length + 2];
        withDest[0] = args[2 * dest];
        withDest[1] = args[2 * dest + 1];
        System.arraycopy(keys, 0, withDest, 2, keys.length);
        return withDest;
    }

    private static int[] afterStreams(ByteBuf frame, int argc, int[] args) {
        for (int i = 1; i < argc; i++) {
            if (argEquals(frame, args, i, BLOCK)) {
                return BLOCKING;
            }
            if (argEquals(frame, args, i, STREAMS)) {
                int count = (argc - i - 1) / 2;
                return count == 0 ? NONE : range(args, i + 1, i + count, 1);
            }
        }
        return NONE;
    }

    private static boolean argEquals(ByteBuf frame, int[] args, int i, byte[] lowerWord) {
        if (args[2 * i + 1] != lowerWord.length) {
            return false;
        }
        for (int j = 0; j < lowerWord.length; j++) {
            if ((frame.getByte(args[2 * i] + j) | 0x20) != lowerWord[j]) {
                return false;
            }
        }
        return true;
    }

    private static int[] range(int[] args, int first, int last, int step) {
        if (last < first) {
            return NONE;
        }
        int count = (last - first) / step + 1;
        int[] keys = new int[2 * count];
        for (int k = 0, i = first; k < count; k++, i += step) {
            keys[2 * k] = args[2 * i];
            keys[2 * k + 1] = args[2 * i + 1];
        }
        return keys;
    }
}
