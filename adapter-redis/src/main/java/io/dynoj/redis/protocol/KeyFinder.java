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
    private static final byte[] ASC = ascii("asc");
    private static final byte[] DESC = ascii("desc");
    private static final byte[] ALPHA = ascii("alpha");
    private static final byte[] LIMIT = ascii("limit");
    private static final byte[] STORE = ascii("store");
    private static final byte[] BY = ascii("by");
    private static final byte[] GET = ascii("get");

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
            case SORT:
                return sortKeys(frame, argc, args);
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

    /**
     * SORT's sorted key and, when STORE is given, the last STORE's destination, read with SORT's own
     * grammar (the embedded engine's {@code SortCommand} parses it alike, so the keys the engine locks
     * are the ones it writes). A syntax error ends the search: the datastore reports it.
     */
    private static int[] sortKeys(ByteBuf frame, int argc, int[] args) {
        int store = -1;
        for (int j = 2; j < argc; j++) {
            int left = argc - j - 1;
            if (argEquals(frame, args, j, ASC) || argEquals(frame, args, j, DESC) || argEquals(frame, args, j, ALPHA)) {
                continue;
            }
            if (argEquals(frame, args, j, LIMIT) && left >= 2) {
                j += 2;
            } else if (argEquals(frame, args, j, STORE) && left >= 1) {
                store = ++j;
            } else if ((argEquals(frame, args, j, BY) || argEquals(frame, args, j, GET)) && left >= 1) {
                j++;
            } else {
                break;
            }
        }
        int[] sorted = range(args, 1, 1, 1);
        if (store < 0) {
            return sorted;
        }
        return new int[] {sorted[0], sorted[1], args[2 * store], args[2 * store + 1]};
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

    private static byte[] ascii(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
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
