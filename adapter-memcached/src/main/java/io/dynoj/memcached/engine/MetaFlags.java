package io.dynoj.memcached.engine;

import io.netty.buffer.ByteBuf;

/**
 * The flags of a meta command, read as memcached 1.6.18 reads them before running it: each flag at
 * most once (else {@code CLIENT_ERROR duplicate flag}), only flags it knows (else
 * {@code CLIENT_ERROR invalid flag}), and the values of N, T, R, F, C, M, J, D checked. A bad value
 * does not stop the reading: the last bad value's message is the one reported, as in memcached.
 * Times are turned into expire-at milliseconds ({@link Exptime}).
 */
final class MetaFlags {

    static final String DEFAULT_ERROR = "CLIENT_ERROR bad command line format";
    private static final String BAD_TOKEN = "CLIENT_ERROR bad token in command line format";

    /** The message when the flags are refused, else {@code null}. */
    String error;
    boolean vivify;
    boolean value;
    boolean quiet;
    boolean hasCas;
    boolean newTtl;
    boolean setStale;
    boolean hasRecache;
    /** A flag memcached knows that Dynoj does not serve in mg (h, l), or 0. */
    char unsupported;
    /** The M flag's mode character, or 0. */
    char mode;
    long expireAt;
    long autovivExpireAt;
    long recacheAt;
    int clientFlags;
    long reqCas;
    long delta = 1;
    long initial;

    /**
     * Reads the flags of {@code line} from word {@code start} on; relative TTLs count from {@code nowMillis}
     * ({@link Call#exptimeBase()}).
     */
    static MetaFlags parse(CommandLine line, int start, long nowMillis) {
        MetaFlags f = new MetaFlags();
        boolean[] seen = new boolean[127];
        String errstr = DEFAULT_ERROR;
        boolean failed = false;
        ByteBuf frame = line.frame();
        for (int w = start; w < line.count(); w++) {
            int flag = line.first(w);
            if (flag >= 127 || seen[flag]) {
                f.error = "CLIENT_ERROR duplicate flag";
                return f;
            }
            seen[flag] = true;
            int from = line.offset(w) + 1;
            int to = line.offset(w) + line.length(w);
            switch (flag) {
                case 'N', 'T', 'R' -> {
                    Integer seconds = CNumbers.strtol32(frame, from, to);
                    if (seconds == null) {
                        errstr = BAD_TOKEN;
                        failed = true;
                    } else {
                        long at = Exptime.expireAt(seconds, nowMillis);
                        if (flag == 'N') {
                            f.vivify = true;
                            f.autovivExpireAt = at;
                        } else if (flag == 'T') {
                            f.expireAt = at;
                            f.newTtl = true;
                        } else {
                            f.hasRecache = true;
                            f.recacheAt = at;
                        }
                    }
                }
                case 'h', 'l' -> f.unsupported = (char) flag;
                case 'O', 'P', 'L', 'k', 's', 't', 'c', 'f', 'u' -> { }
                case 'v' -> f.value = true;
                case 'q' -> f.quiet = true;
                case 'F' -> {
                    Long flags = CNumbers.strtoul32(frame, from, to);
                    if (flags == null) {
                        failed = true; // memcached keeps the message it had
                    } else {
                        f.clientFlags = (int) (long) flags;
                    }
                }
                case 'C' -> {
                    Long cas = CNumbers.strtoull(frame, from, to);
                    if (cas == null) {
                        errstr = BAD_TOKEN;
                        failed = true;
                    } else {
                        f.reqCas = cas;
                        f.hasCas = true;
                    }
                }
                case 'M' -> {
                    if (line.length(w) != 2) {
                        errstr = "CLIENT_ERROR incorrect length for M token";
                        failed = true;
                    } else {
                        f.mode = (char) line.byteAt(w, 1);
                    }
                }
                case 'J', 'D' -> {
                    Long number = CNumbers.strtoull(frame, from, to);
                    if (number == null) {
                        errstr = flag == 'J' ? "CLIENT_ERROR invalid numeric initial value"
                                : "CLIENT_ERROR invalid numeric delta value";
                        failed = true;
                    } else if (flag == 'J') {
                        f.initial = number;
                    } else {
                        f.delta = number;
                    }
                }
                case 'I' -> f.setStale = true;
                default -> {
                    f.error = "CLIENT_ERROR invalid flag";
                    return f;
                }
            }
        }
        if (failed) {
            f.error = errstr;
        }
        return f;
    }

    /** A command's own handling of one flag in its answer (all but O and k). */
    interface FlagWriter {
        void write(int flag, ByteBuf out);
    }

    /**
     * memcached's loop over a meta command's flags once it ran, from word {@code start} on, in the
     * order the client gave them: O is echoed, k writes the key, any other flag goes to
     * {@code others} (which may write it or, like T, change what later flags show). Stops at an
     * opaque longer than memcached returns, so the flags after it have no effect.
     *
     * @param others the command's flags, or {@code null} when O and k are all it returns
     * @return false when it stopped at a long opaque (the caller answers that instead of out)
     */
    static boolean writeReturned(Call c, int start, ByteBuf out, FlagWriter others) {
        CommandLine line = c.line();
        for (int w = start; w < line.count(); w++) {
            int flag = line.first(w);
            if (flag == 'O') {
                if (opaqueTooLong(line, w)) {
                    return false;
                }
                out.writeByte(' ');
                line.write(out, w);
            } else if (flag == 'k') {
                Items.writeKey(Replies.flag(out, 'k'), c.key());
            } else if (others != null) {
                others.write(flag, out);
            }
        }
        return true;
    }

    /** Whether an opaque from word {@code start} on is longer than memcached returns. */
    static boolean hasLongOpaque(CommandLine line, int start) {
        for (int w = start; w < line.count(); w++) {
            if (opaqueTooLong(line, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean opaqueTooLong(CommandLine line, int w) {
        return line.first(w) == 'O' && line.length(w) > Replies.MAX_OPAQUE;
    }
}
