package io.dynoj.memcached.protocol;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Streams memcached text and meta requests into {@link MemcachedRequest}s without copying: it finds
 * the command line, reads the command, the keys' positions and (for storage commands) the length of
 * the data block, and hands on a retained slice of the bytes exactly as they arrived: the line and,
 * for storage commands, the data block with its CRLF. A data block split over many reads is not
 * rescanned: the decoder only waits until enough bytes are there.
 *
 * <p>Input is refused the way memcached 1.6 refuses it, with the same answer line and the same
 * effect on what follows ({@link MemcachedRequest#refused}):
 * <ul>
 *   <li>an unknown command (names are case-sensitive) or a wrong number of tokens: {@code ERROR};
 *   <li>a key over 250 bytes, a bad number: {@code CLIENT_ERROR bad command line format} (or the
 *       command's own message: {@code invalid exptime argument}, {@code invalid numeric delta
 *       argument}...). A storage command refused on its line does not consume its data block, which
 *       memcached then reads as a command line (usually answering {@code ERROR});
 *   <li>a data block not followed by CRLF: the {@code <bytes>+2} bytes are consumed and answered
 *       {@code CLIENT_ERROR bad data chunk}; what follows is read as the next command;
 *   <li>a request larger than {@link ProtocolLimits#maxRequestBytes()}: {@code SERVER_ERROR object too
 *       large for cache}, and the data block is swallowed as it arrives, never buffered;
 *   <li>more than 2048 bytes without a newline: the connection is closed without a reply, unless the
 *       line is a {@code get}/{@code gets} (after at most 100 spaces), which may be as long as
 *       {@code maxRequestBytes}; past that, {@code SERVER_ERROR out of memory reading request} and close;
 *   <li>an unknown command whose last token starts with {@code HTTP/}: closed without a reply.
 * </ul>
 * The classic {@code noreply} token silences these errors, as in memcached (an empty error line:
 * nothing is written); meta commands always get theirs.
 *
 * <p>Dynoj's own rules: numbers are read strictly (optional {@code -} for signed fields, digits,
 * within the field's range; memcached 1.6.18's {@code strtol} also took {@code +5}, {@code 01\t} or
 * {@code 4294967297} wrapped to 1, which later versions refuse), so that no request Dynoj forwards is
 * framed differently by the datastore. A line holding a NUL byte is refused with
 * {@code CLIENT_ERROR bad command line format}. The meta base64 key flag {@code b} is refused with
 * {@code CLIENT_ERROR Dynoj does not support base64 keys (b flag)}: the node shards by the key's
 * bytes and could not tell that {@code Zm9v b} and {@code foo} are one key. A multi-key get with more
 * than {@link ProtocolLimits#maxArguments()} keys gets memcached's answer to a get it cannot
 * hold, {@code SERVER_ERROR out of memory writing get response}. Stateful: one per connection.
 */
public final class MemcacheRequestDecoder extends ByteToMessageDecoder {

    /** memcached's KEY_MAX_LENGTH. */
    static final int KEY_MAX_LENGTH = 250;
    /** memcached closes a connection that sends more than this without a newline (except get/gets). */
    static final int MAX_LINE = 2048;
    /** memcached looks at most this many spaces ahead of a long get line. */
    private static final int MAX_LEADING_SPACES = 100;
    /** memcached tokenizes at most 23 tokens (plus a terminal one) for commands other than get. */
    private static final int MAX_TOKENS = 24;
    /** memcached's MFLAG_MAX_OPT_LENGTH: meta commands with more tokens are refused. */
    private static final int META_MAX_TOKENS = 20;
    /** The largest frame a ByteBuf can hold, whatever maxRequestBytes says. */
    private static final long MAX_FRAME = Integer.MAX_VALUE - 16;

    static final String ERROR = "ERROR";
    static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";
    static final String BAD_DELETE = "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]";
    static final String BAD_EXPTIME = "CLIENT_ERROR invalid exptime argument";
    static final String BAD_DELTA = "CLIENT_ERROR invalid numeric delta argument";
    static final String BAD_CHUNK = "CLIENT_ERROR bad data chunk";
    static final String TOO_LARGE = "SERVER_ERROR object too large for cache";
    static final String LINE_TOO_LONG = "SERVER_ERROR out of memory reading request";
    static final String TOO_MANY_KEYS = "SERVER_ERROR out of memory writing get response";
    static final String META_TOO_LONG = "CLIENT_ERROR options flags too long";
    static final String MG_TOO_LONG = "CLIENT_ERROR options flags are too long";
    static final String BASE64 = "CLIENT_ERROR Dynoj does not support base64 keys (b flag)";
    /** The answer to flush_all on a node that does not allow it. */
    public static final String FLUSH_DISABLED =
            "CLIENT_ERROR flush_all is disabled on this Dynoj node (allow_flush_all: true enables it)";
    /** The node answers nothing (and, with closeAfter, closes). */
    static final String SILENT = "";

    private static final int[] NO_KEYS = new int[0];

    /** Reads whole frames that peers forward or that splits build; one per thread. */
    private static final FastThreadLocal<MemcacheRequestDecoder> FRAME_READER = new FastThreadLocal<>() {
        @Override
        protected MemcacheRequestDecoder initialValue() {
            return new MemcacheRequestDecoder(new ProtocolLimits(MAX_FRAME, ProtocolLimits.DEFAULTS.maxInlineBytes(),
                    Integer.MAX_VALUE, true));
        }
    };

    private enum State { LINE, DATA, SWALLOW, CLOSED }

    private final ProtocolLimits limits;
    private final long maxFrame;
    private State state = State.LINE;
    /** LINE: how far the current line was searched for its newline, relative to its start. */
    private int scan;
    /** LINE: bytes allowed before the newline (MAX_LINE, or more for a long get). */
    private int lineLimit = MAX_LINE;
    /** LINE: the current line is a get longer than MAX_LINE. */
    private boolean longGet;
    /** SWALLOW: bytes still to drop. */
    private long swallow;
    /** DATA: the storage request waiting for its data block. */
    private int frameLength;
    private MemcachedCommand pending;
    private int[] pendingKeys;
    private boolean pendingNoreply;
    private boolean pendingQuiet;
    /** Tokens of the current line: (offset from line start, length) pairs. */
    private int[] words = new int[64];
    private int wordCount;

    public MemcacheRequestDecoder(ProtocolLimits limits) {
        this.limits = limits;
        this.maxFrame = Math.min(limits.maxRequestBytes(), MAX_FRAME);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            MemcachedRequest request = next(in);
            if (request == null) {
                break;
            }
            out.add(request);
        }
        if (state == State.CLOSED) {
            in.skipBytes(in.readableBytes());
        }
    }

    /**
     * One complete request frame (as a peer forwards it, or as a split builds it) as a request; takes
     * ownership of the frame. Anything but exactly one request is a refused request.
     */
    static MemcachedRequest decodeComplete(ByteBuf frame) {
        MemcacheRequestDecoder reader = FRAME_READER.get();
        try {
            MemcachedRequest request = reader.next(frame);
            if (request != null && !frame.isReadable() && reader.state == State.LINE) {
                return request;
            }
            if (request != null) {
                request.release();
            }
            return MemcachedRequest.refused("SERVER_ERROR a Dynoj peer forwarded something that is not one "
                    + "memcached request", false);
        } finally {
            reader.reset();
            frame.release();
        }
    }

    private void reset() {
        state = State.LINE;
        scan = 0;
        lineLimit = MAX_LINE;
        longGet = false;
        swallow = 0;
        pending = null;
        pendingKeys = null;
    }

    /** The next request, or null when more input is needed (what could be consumed was). */
    private MemcachedRequest next(ByteBuf in) {
        for (;;) {
            switch (state) {
                case CLOSED -> {
                    in.skipBytes(in.readableBytes());
                    return null;
                }
                case SWALLOW -> {
                    int n = (int) Math.min(swallow, in.readableBytes());
                    in.skipBytes(n);
                    swallow -= n;
                    if (swallow > 0) {
                        return null;
                    }
                    state = State.LINE;
                }
                case DATA -> {
                    return readData(in);
                }
                case LINE -> {
                    if (!in.isReadable()) {
                        return null;
                    }
                    MemcachedRequest request = readLine(in);
                    if (request != null || state != State.DATA) {
                        return request;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- lines

    private MemcachedRequest readLine(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int newline;
        for (;;) {
            int searchEnd = (int) Math.min(end, (long) start + lineLimit + 1);
            newline = in.indexOf(start + scan, searchEnd, (byte) '\n');
            if (newline >= 0) {
                break;
            }
            if (end - start <= lineLimit) {
                scan = end - start;
                return null;
            }
            if (!longGet && isMultiGet(in, start, end)) {
                // memcached lets a multiget line grow without bound; Dynoj up to maxRequestBytes.
                if (maxFrame - 1 <= MAX_LINE) {
                    return close(LINE_TOO_LONG);
                }
                longGet = true;
                scan = MAX_LINE + 1;
                lineLimit = (int) (maxFrame - 1);
                continue;
            }
            return close(longGet ? LINE_TOO_LONG : SILENT);
        }
        scan = 0;
        lineLimit = MAX_LINE;
        longGet = false;
        int lineLength = newline + 1 - start;
        int contentEnd = newline > start && in.getByte(newline - 1) == '\r' ? newline - 1 : newline;
        if (in.indexOf(start, contentEnd, (byte) 0) >= 0) {
            return refuse(in, lineLength, BAD_FORMAT);
        }
        tokenize(in, start, contentEnd);
        return parse(in, start, lineLength);
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

    /** Splits [start, end) on spaces (only spaces, as memcached does) into {@link #words}. */
    private void tokenize(ByteBuf in, int start, int end) {
        wordCount = 0;
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
            if (2 * wordCount + 1 >= words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            words[2 * wordCount] = wordStart - start;
            words[2 * wordCount + 1] = i - wordStart;
            wordCount++;
        }
    }

    /** memcached's ntokens: words (at most 23 for commands other than get) plus the terminal token. */
    private int ntokens() {
        return Math.min(wordCount, MAX_TOKENS - 1) + 1;
    }

    private MemcachedRequest parse(ByteBuf in, int start, int lineLength) {
        int nt = ntokens();
        if (wordCount == 0 || words[1] < 2) {
            return refuse(in, lineLength, ERROR);
        }
        String name = words[1] <= 9 ? in.toString(start + words[0], words[1], StandardCharsets.US_ASCII) : "";
        return switch (name) {
            // bget: memcached's undocumented "binary get" alias, still served as get.
            case "get", "bget" -> retrieval(in, start, lineLength, MemcachedCommand.GET, 1);
            case "gets" -> retrieval(in, start, lineLength, MemcachedCommand.GETS, 1);
            case "gat" -> retrieval(in, start, lineLength, MemcachedCommand.GAT, 2);
            case "gats" -> retrieval(in, start, lineLength, MemcachedCommand.GATS, 2);
            case "set" -> storage(in, start, lineLength, MemcachedCommand.SET);
            case "add" -> storage(in, start, lineLength, MemcachedCommand.ADD);
            case "replace" -> storage(in, start, lineLength, MemcachedCommand.REPLACE);
            case "append" -> storage(in, start, lineLength, MemcachedCommand.APPEND);
            case "prepend" -> storage(in, start, lineLength, MemcachedCommand.PREPEND);
            case "cas" -> storage(in, start, lineLength, MemcachedCommand.CAS);
            case "delete" -> delete(in, start, lineLength);
            case "incr" -> arithmetic(in, start, lineLength, MemcachedCommand.INCR);
            case "decr" -> arithmetic(in, start, lineLength, MemcachedCommand.DECR);
            case "touch" -> touch(in, start, lineLength);
            case "mg" -> meta(in, start, lineLength, MemcachedCommand.MG);
            case "ms" -> metaSet(in, start, lineLength);
            case "md" -> meta(in, start, lineLength, MemcachedCommand.MD);
            case "ma" -> meta(in, start, lineLength, MemcachedCommand.MA);
            case "mn" -> local(in, lineLength, MemcachedCommand.MN, false);
            case "version" -> local(in, lineLength, MemcachedCommand.VERSION, false);
            case "stats" -> local(in, lineLength, MemcachedCommand.STATS, false);
            case "quit" -> {
                MemcachedRequest quit = local(in, lineLength, MemcachedCommand.QUIT, false);
                state = State.CLOSED; // memcached reads nothing after quit
                yield quit;
            }
            case "verbosity" -> verbosity(in, start, lineLength, nt);
            case "flush_all" -> flushAll(in, start, lineLength, nt);
            default -> unknown(in, start, lineLength, nt);
        };
    }

    /** get/gets/gat/gats: keys from word {@code firstKey} on; gat[s] has its exptime first. */
    private MemcachedRequest retrieval(ByteBuf in, int start, int lineLength, MemcachedCommand command, int firstKey) {
        if (ntokens() < 3) {
            return refuse(in, lineLength, ERROR);
        }
        if (firstKey == 2 && !isInt32(in, start, 1)) {
            return refuse(in, lineLength, BAD_EXPTIME);
        }
        int keyCount = wordCount - firstKey;
        if (keyCount == 0) {
            return refuse(in, lineLength, "END"); // memcached answers "gat 10" with an empty result
        }
        if (keyCount > limits.maxArguments()) {
            return refuse(in, lineLength, TOO_MANY_KEYS);
        }
        for (int w = firstKey; w < wordCount; w++) {
            if (words[2 * w + 1] > KEY_MAX_LENGTH) {
                return refuse(in, lineLength, BAD_FORMAT);
            }
        }
        int[] keys = Arrays.copyOfRange(words, 2 * firstKey, 2 * wordCount);
        return emit(in, lineLength, command, command.kind(), keys, false, false);
    }

    /** set/add/replace/append/prepend {@code <key> <flags> <exptime> <bytes> [noreply]}, cas with {@code <cas>}. */
    private MemcachedRequest storage(ByteBuf in, int start, int lineLength, MemcachedCommand command) {
        int nt = ntokens();
        boolean cas = command == MemcachedCommand.CAS;
        if (cas ? nt != 7 && nt != 8 : nt != 6 && nt != 7) {
            return refuse(in, lineLength, ERROR);
        }
        boolean noreply = lastWordIsNoreply(in, start);
        if (words[3] > KEY_MAX_LENGTH || !isUint32(in, start, 2) || !isInt32(in, start, 3)
                || (cas && !isUint64(in, start, 5))) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_FORMAT);
        }
        long bytes = parseInt32(in, start, 4);
        if (bytes < 0 || bytes > Integer.MAX_VALUE - 2) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_FORMAT);
        }
        return expectData(in, lineLength, command, new int[] {words[2], words[3]}, bytes, noreply, false,
                noreply ? SILENT : TOO_LARGE);
    }

    /** {@code delete <key> [noreply]}, and memcached's legacy {@code delete <key> 0 [noreply]}. */
    private MemcachedRequest delete(ByteBuf in, int start, int lineLength) {
        int nt = ntokens();
        if (nt < 3 || nt > 5) {
            return refuse(in, lineLength, ERROR);
        }
        boolean noreply = false;
        if (nt > 3) {
            boolean holdIsZero = words[5] == 1 && in.getByte(start + words[4]) == '0';
            noreply = lastWordIsNoreply(in, start);
            boolean valid = (nt == 4 && (holdIsZero || noreply)) || (nt == 5 && holdIsZero && noreply);
            if (!valid) {
                return refuse(in, lineLength, noreply ? SILENT : BAD_DELETE);
            }
        }
        if (words[3] > KEY_MAX_LENGTH) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_FORMAT);
        }
        return emit(in, lineLength, MemcachedCommand.DELETE, RequestKind.WRITE, key(1), noreply, false);
    }

    /** {@code incr|decr <key> <value> [noreply]}. */
    private MemcachedRequest arithmetic(ByteBuf in, int start, int lineLength, MemcachedCommand command) {
        int nt = ntokens();
        if (nt != 4 && nt != 5) {
            return refuse(in, lineLength, ERROR);
        }
        boolean noreply = lastWordIsNoreply(in, start);
        if (words[3] > KEY_MAX_LENGTH) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_FORMAT);
        }
        if (!isUint64(in, start, 2)) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_DELTA);
        }
        return emit(in, lineLength, command, RequestKind.WRITE, key(1), noreply, false);
    }

    /** {@code touch <key> <exptime> [noreply]}. */
    private MemcachedRequest touch(ByteBuf in, int start, int lineLength) {
        int nt = ntokens();
        if (nt != 4 && nt != 5) {
            return refuse(in, lineLength, ERROR);
        }
        boolean noreply = lastWordIsNoreply(in, start);
        if (words[3] > KEY_MAX_LENGTH) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_FORMAT);
        }
        if (!isInt32(in, start, 2)) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_EXPTIME);
        }
        return emit(in, lineLength, MemcachedCommand.TOUCH, RequestKind.WRITE, key(1), noreply, false);
    }

    /** {@code verbosity <level> [noreply]}: answered by the node. */
    private MemcachedRequest verbosity(ByteBuf in, int start, int lineLength, int nt) {
        if (nt != 3 && nt != 4) {
            return refuse(in, lineLength, ERROR);
        }
        boolean noreply = lastWordIsNoreply(in, start);
        if (!isUint32(in, start, 1)) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_FORMAT);
        }
        return local(in, lineLength, MemcachedCommand.VERBOSITY, noreply);
    }

    /** {@code flush_all [delay] [noreply]}: refused unless the node allows it, then run on every node. */
    private MemcachedRequest flushAll(ByteBuf in, int start, int lineLength, int nt) {
        if (nt < 2 || nt > 4) {
            return refuse(in, lineLength, ERROR);
        }
        boolean noreply = lastWordIsNoreply(in, start);
        if (!limits.allowFlushAll()) {
            return refuse(in, lineLength, noreply ? SILENT : FLUSH_DISABLED);
        }
        if (nt != (noreply ? 3 : 2) && !isInt32(in, start, 1)) {
            return refuse(in, lineLength, noreply ? SILENT : BAD_EXPTIME);
        }
        return emit(in, lineLength, MemcachedCommand.FLUSH_ALL, RequestKind.ADMIN, NO_KEYS, noreply, false);
    }

    /**
     * {@code mg|md|ma <key> <flags>*}. Flags are checked by the datastore (their set grows with
     * memcached versions); the node reads {@code q}, refuses {@code b}, and takes an mg that may change
     * the item ({@code N}, {@code T}, {@code R}, {@code E}) for a write.
     */
    private MemcachedRequest meta(ByteBuf in, int start, int lineLength, MemcachedCommand command) {
        int nt = ntokens();
        if (nt < 3) {
            return refuse(in, lineLength, ERROR);
        }
        if (words[3] > KEY_MAX_LENGTH) {
            return refuse(in, lineLength, BAD_FORMAT);
        }
        if (nt > META_MAX_TOKENS) {
            return refuse(in, lineLength, command == MemcachedCommand.MG ? MG_TOO_LONG : META_TOO_LONG);
        }
        boolean quiet = false;
        boolean changes = false;
        for (int w = 2; w < wordCount; w++) {
            byte flag = in.getByte(start + words[2 * w]);
            switch (flag) {
                case 'b' -> {
                    return refuse(in, lineLength, BASE64);
                }
                case 'q' -> quiet = true;
                case 'N', 'T', 'R', 'E' -> changes = true;
                default -> { }
            }
        }
        RequestKind kind = command == MemcachedCommand.MG && changes ? RequestKind.WRITE : command.kind();
        return emit(in, lineLength, command, kind, key(1), false, quiet);
    }

    /** {@code ms <key> <datalen> <flags>*} and its data block. */
    private MemcachedRequest metaSet(ByteBuf in, int start, int lineLength) {
        int nt = ntokens();
        if (nt < 3) {
            return refuse(in, lineLength, ERROR);
        }
        if (words[3] > KEY_MAX_LENGTH || nt == 3) {
            return refuse(in, lineLength, BAD_FORMAT);
        }
        if (nt > META_MAX_TOKENS) {
            return refuse(in, lineLength, META_TOO_LONG);
        }
        long bytes = parseInt32(in, start, 2);
        if (bytes < 0 || bytes > Integer.MAX_VALUE - 2) {
            return refuse(in, lineLength, BAD_FORMAT);
        }
        boolean quiet = false;
        for (int w = 3; w < wordCount; w++) {
            byte flag = in.getByte(start + words[2 * w]);
            if (flag == 'b') {
                // memcached answers errors in the flags after reading <datalen>: it swallows the data.
                in.skipBytes(lineLength);
                return swallow(bytes + 2, BASE64);
            }
            if (flag == 'q') {
                quiet = true;
            }
        }
        return expectData(in, lineLength, MemcachedCommand.MS, key(1), bytes, false, quiet, TOO_LARGE);
    }

    private MemcachedRequest unknown(ByteBuf in, int start, int lineLength, int nt) {
        byte first = in.getByte(start + words[0]);
        boolean dispatchedByFirstChar = "gsacidt".indexOf(first) >= 0 || (first == 'm' && words[1] == 2);
        int last = nt - 2;
        if (!dispatchedByFirstChar && startsWith(in, start + words[2 * last], start + words[2 * last] + words[2 * last + 1],
                "HTTP/")) {
            return close(SILENT); // memcached hangs up on HTTP requests
        }
        return refuse(in, lineLength, ERROR);
    }

    // ---------------------------------------------------------------- data blocks

    private MemcachedRequest expectData(ByteBuf in, int lineLength, MemcachedCommand command, int[] keys, long bytes,
                                        boolean noreply, boolean quiet, String tooLarge) {
        long total = lineLength + bytes + 2;
        if (total > maxFrame) {
            in.skipBytes(lineLength);
            return swallow(bytes + 2, tooLarge);
        }
        frameLength = (int) total;
        pending = command;
        pendingKeys = keys;
        pendingNoreply = noreply;
        pendingQuiet = quiet;
        state = State.DATA;
        return null;
    }

    private MemcachedRequest readData(ByteBuf in) {
        if (in.readableBytes() < frameLength) {
            return null;
        }
        state = State.LINE;
        MemcachedCommand command = pending;
        int[] keys = pendingKeys;
        pending = null;
        pendingKeys = null;
        int start = in.readerIndex();
        if (in.getByte(start + frameLength - 2) != '\r' || in.getByte(start + frameLength - 1) != '\n') {
            in.skipBytes(frameLength);
            // A meta set always hears about it; a classic noreply set does not.
            boolean silent = pendingNoreply && command != MemcachedCommand.MS;
            return MemcachedRequest.refused(silent ? SILENT : BAD_CHUNK, false);
        }
        return MemcachedRequest.of(in.readRetainedSlice(frameLength), command, command.kind(), keys, pendingNoreply,
                pendingQuiet);
    }

    private MemcachedRequest swallow(long bytes, String answer) {
        swallow = bytes;
        state = State.SWALLOW;
        return MemcachedRequest.refused(answer, false);
    }

    // ---------------------------------------------------------------- helpers

    private MemcachedRequest emit(ByteBuf in, int lineLength, MemcachedCommand command, RequestKind kind, int[] keys,
                                  boolean noreply, boolean quiet) {
        return MemcachedRequest.of(in.readRetainedSlice(lineLength), command, kind, keys, noreply, quiet);
    }

    private MemcachedRequest local(ByteBuf in, int lineLength, MemcachedCommand command, boolean noreply) {
        return emit(in, lineLength, command, RequestKind.LOCAL, NO_KEYS, noreply, false);
    }

    private static MemcachedRequest refuse(ByteBuf in, int lineLength, String answer) {
        in.skipBytes(lineLength);
        return MemcachedRequest.refused(answer, false);
    }

    private MemcachedRequest close(String answer) {
        state = State.CLOSED;
        return MemcachedRequest.refused(answer, true);
    }

    private int[] key(int word) {
        return new int[] {words[2 * word], words[2 * word + 1]};
    }

    /** memcached's set_noreply_maybe: the last token (of at most 23) is exactly "noreply". */
    private boolean lastWordIsNoreply(ByteBuf in, int start) {
        int last = ntokens() - 2;
        return words[2 * last + 1] == 7 && startsWith(in, start + words[2 * last], start + words[2 * last] + 7,
                "noreply");
    }

    private boolean isInt32(ByteBuf in, int start, int word) {
        return parseInt32(in, start, word) != Long.MIN_VALUE;
    }

    /** Word {@code word} as a signed 32-bit number, or Long.MIN_VALUE. */
    private long parseInt32(ByteBuf in, int start, int word) {
        if (word >= wordCount) {
            return Long.MIN_VALUE;
        }
        int from = start + words[2 * word];
        int to = from + words[2 * word + 1];
        boolean negative = in.getByte(from) == '-';
        long value = parseDigits(in, negative ? from + 1 : from, to, 10);
        if (value < 0) {
            return Long.MIN_VALUE;
        }
        value = negative ? -value : value;
        return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? Long.MIN_VALUE : value;
    }

    private boolean isUint32(ByteBuf in, int start, int word) {
        if (word >= wordCount) {
            return false;
        }
        int from = start + words[2 * word];
        long value = parseDigits(in, from, from + words[2 * word + 1], 10);
        return value >= 0 && value <= 0xFFFF_FFFFL;
    }

    private boolean isUint64(ByteBuf in, int start, int word) {
        if (word >= wordCount) {
            return false;
        }
        int from = start + words[2 * word];
        int to = from + words[2 * word + 1];
        if (to - from < 20) {
            return parseDigits(in, from, to, 19) >= 0;
        }
        if (to - from > 20 || parseDigits(in, from, to, 20) == -1) {
            return false;
        }
        return in.toString(from, 20, StandardCharsets.US_ASCII).compareTo("18446744073709551615") <= 0;
    }

    /**
     * The digits in [from, to) as a number (up to {@code maxDigits} digits; with 20 the value may
     * overflow and only the digits are checked, giving 0), or -1 if they are not 1 to maxDigits digits.
     */
    static long parseDigits(ByteBuf in, int from, int to, int maxDigits) {
        if (from >= to || to - from > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return maxDigits > 19 ? 0 : value;
    }
}
