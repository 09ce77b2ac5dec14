package io.dynoj.memcached.protocol;

import static io.dynoj.memcached.protocol.NumberField.INT32;
import static io.dynoj.memcached.protocol.NumberField.UINT32;
import static io.dynoj.memcached.protocol.NumberField.UINT64;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.RequestKind;
import io.dynoj.memcached.protocol.ParsedLine.Outcome;
import io.netty.buffer.ByteBuf;

/**
 * Reads one command line as memcached 1.6 reads it, into a {@link ParsedLine}: the command, its keys'
 * positions, the length of the data block a storage command announces, or the answer memcached
 * gives a line it refuses:
 * <ul>
 *   <li>an unknown command (names are case-sensitive) or a wrong number of tokens: {@code ERROR};
 *   <li>a key over 250 bytes, a bad number: {@code CLIENT_ERROR bad command line format} or the
 *       command's own message ({@code invalid exptime argument}...). A storage command refused on its
 *       line leaves its data block to be read as a command line (usually {@code ERROR});
 *   <li>an unknown command whose last token starts with {@code HTTP/}: the connection is closed.
 * </ul>
 * The classic {@code noreply} token silences these answers; meta commands ({@link MetaLineParser})
 * always get theirs. Dynoj's own rules: numbers are read strictly ({@link NumberField}); a line
 * holding a NUL byte is a bad command line (memcached 1.6.18 reads up to the NUL, later versions do
 * not); a get of more than {@link ProtocolLimits#maxArguments()} keys gets memcached's answer to a get
 * it cannot hold; flush_all only where {@link FlushAllGate} allows it.
 *
 * <p>It reads and consumes nothing: the framer ({@link MemcachedRequestDecoder}) acts on the outcome.
 * One per decoder; not thread-safe.
 */
final class RequestLineParser {

    /** memcached's KEY_MAX_LENGTH. */
    static final int KEY_MAX_LENGTH = 250;
    /** The largest data block memcached takes: INT_MAX - 2, so that it fits with its CRLF. */
    static final int MAX_DATA = Integer.MAX_VALUE - 2;

    static final String ERROR = "ERROR";
    static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";
    private static final String BAD_DELETE = "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]";
    private static final String BAD_EXPTIME = "CLIENT_ERROR invalid exptime argument";
    private static final String BAD_DELTA = "CLIENT_ERROR invalid numeric delta argument";
    private static final String TOO_MANY_KEYS = "SERVER_ERROR out of memory writing get response";

    private final ProtocolLimits limits;
    private final LineWords words = new LineWords();
    private final ParsedLine line = new ParsedLine();

    RequestLineParser(ProtocolLimits limits) {
        this.limits = limits;
    }

    /** What the line {@code in[start, end)} (without its newline) is; see {@link #line()}. */
    Outcome parse(ByteBuf in, int start, int end) {
        line.clear();
        if (in.indexOf(start, end, (byte) 0) >= 0) {
            return line.refuse(BAD_FORMAT);
        }
        words.split(in, start, end);
        if (words.count() == 0 || words.length(0) < 2) {
            return line.refuse(ERROR);
        }
        return switch (words.text(0, 9)) {
            // bget: memcached's undocumented "binary get" alias, still served as get.
            case "get", "bget" -> retrieval(MemcachedCommand.GET, 1);
            case "gets" -> retrieval(MemcachedCommand.GETS, 1);
            case "gat" -> retrieval(MemcachedCommand.GAT, 2);
            case "gats" -> retrieval(MemcachedCommand.GATS, 2);
            case "set" -> storage(MemcachedCommand.SET);
            case "add" -> storage(MemcachedCommand.ADD);
            case "replace" -> storage(MemcachedCommand.REPLACE);
            case "append" -> storage(MemcachedCommand.APPEND);
            case "prepend" -> storage(MemcachedCommand.PREPEND);
            case "cas" -> storage(MemcachedCommand.CAS);
            case "delete" -> delete();
            case "incr" -> keyAndNumber(MemcachedCommand.INCR, UINT64, BAD_DELTA);
            case "decr" -> keyAndNumber(MemcachedCommand.DECR, UINT64, BAD_DELTA);
            case "touch" -> keyAndNumber(MemcachedCommand.TOUCH, INT32, BAD_EXPTIME);
            case "mg" -> MetaLineParser.meta(MemcachedCommand.MG, words, line);
            case "ms" -> MetaLineParser.metaSet(words, line);
            case "md" -> MetaLineParser.meta(MemcachedCommand.MD, words, line);
            case "ma" -> MetaLineParser.meta(MemcachedCommand.MA, words, line);
            case "me" -> MetaLineParser.metaDebug(words, line);
            case "mn" -> line.request(MemcachedCommand.MN, RequestKind.LOCAL);
            case "version" -> line.request(MemcachedCommand.VERSION, RequestKind.LOCAL);
            case "stats" -> line.request(MemcachedCommand.STATS, RequestKind.LOCAL);
            case "quit" -> line.request(MemcachedCommand.QUIT, RequestKind.LOCAL);
            case "verbosity" -> verbosity();
            case "flush_all" -> flushAll();
            default -> unknown();
        };
    }

    /** What the last {@link #parse} found; it stays until the next one. */
    ParsedLine line() {
        return line;
    }

    /** get/gets/gat/gats: keys from word {@code firstKey} on; gat[s] has its exptime first. */
    private Outcome retrieval(MemcachedCommand retrieval, int firstKey) {
        if (words.ntokens() < 3) {
            return line.refuse(ERROR);
        }
        if (firstKey == 2 && !words.isNumber(1, INT32)) {
            return line.refuse(BAD_EXPTIME);
        }
        int keyCount = words.count() - firstKey;
        if (keyCount == 0) {
            return line.refuse("END"); // memcached answers "gat 10" with an empty result
        }
        if (keyCount > limits.maxArguments()) {
            return line.refuse(TOO_MANY_KEYS);
        }
        for (int w = firstKey; w < words.count(); w++) {
            if (words.length(w) > KEY_MAX_LENGTH) {
                return line.refuse(BAD_FORMAT);
            }
        }
        return line.request(retrieval, retrieval.kind(), words.positions(firstKey, words.count()));
    }

    /** set/add/replace/append/prepend {@code <key> <flags> <exptime> <bytes> [noreply]}, cas with {@code <cas>}. */
    private Outcome storage(MemcachedCommand storage) {
        int nt = words.ntokens();
        boolean cas = storage == MemcachedCommand.CAS;
        if (cas ? nt != 7 && nt != 8 : nt != 6 && nt != 7) {
            return line.refuse(ERROR);
        }
        line.noreply(words.lastIsNoreply());
        long bytes = words.number(4, INT32);
        if (words.length(1) > KEY_MAX_LENGTH || !words.isNumber(2, UINT32) || !words.isNumber(3, INT32)
                || cas && !words.isNumber(5, UINT64) || bytes < 0 || bytes > MAX_DATA) {
            return line.refuseUnlessNoreply(BAD_FORMAT);
        }
        return line.dataFollows(storage, words.positions(1, 2), bytes);
    }

    /** {@code delete <key> [noreply]}, and memcached's legacy {@code delete <key> 0 [noreply]}. */
    private Outcome delete() {
        int nt = words.ntokens();
        if (nt < 3 || nt > 5) {
            return line.refuse(ERROR);
        }
        if (nt > 3) {
            boolean holdIsZero = words.length(2) == 1 && words.first(2) == '0';
            boolean noreply = words.lastIsNoreply();
            line.noreply(noreply);
            if (!(nt == 4 && (holdIsZero || noreply) || nt == 5 && holdIsZero && noreply)) {
                return line.refuseUnlessNoreply(BAD_DELETE);
            }
        }
        if (words.length(1) > KEY_MAX_LENGTH) {
            return line.refuseUnlessNoreply(BAD_FORMAT);
        }
        return line.request(MemcachedCommand.DELETE, RequestKind.WRITE, words.positions(1, 2));
    }

    /** {@code incr|decr <key> <value> [noreply]} and {@code touch <key> <exptime> [noreply]}. */
    private Outcome keyAndNumber(MemcachedCommand command, NumberField field, String badNumber) {
        int nt = words.ntokens();
        if (nt != 4 && nt != 5) {
            return line.refuse(ERROR);
        }
        line.noreply(words.lastIsNoreply());
        if (words.length(1) > KEY_MAX_LENGTH) {
            return line.refuseUnlessNoreply(BAD_FORMAT);
        }
        if (!words.isNumber(2, field)) {
            return line.refuseUnlessNoreply(badNumber);
        }
        return line.request(command, RequestKind.WRITE, words.positions(1, 2));
    }

    /** {@code verbosity <level> [noreply]}: answered by the node. */
    private Outcome verbosity() {
        int nt = words.ntokens();
        if (nt != 3 && nt != 4) {
            return line.refuse(ERROR);
        }
        line.noreply(words.lastIsNoreply());
        if (!words.isNumber(1, UINT32)) {
            return line.refuseUnlessNoreply(BAD_FORMAT);
        }
        return line.request(MemcachedCommand.VERBOSITY, RequestKind.LOCAL);
    }

    /** {@code flush_all [delay] [noreply]}: refused unless the node allows it, then run on every node. */
    private Outcome flushAll() {
        int nt = words.ntokens();
        if (nt < 2 || nt > 4) {
            return line.refuse(ERROR);
        }
        boolean noreply = words.lastIsNoreply();
        line.noreply(noreply);
        String refusal = FlushAllGate.refusal(limits);
        if (refusal != null) {
            return line.refuseUnlessNoreply(refusal);
        }
        if (nt != (noreply ? 3 : 2) && !words.isNumber(1, INT32)) {
            return line.refuseUnlessNoreply(BAD_EXPTIME);
        }
        return line.request(MemcachedCommand.FLUSH_ALL, RequestKind.ADMIN);
    }

    private Outcome unknown() {
        byte first = words.first(0);
        boolean dispatchedByFirstChar = "gsacidt".indexOf(first) >= 0 || first == 'm' && words.length(0) == 2;
        if (!dispatchedByFirstChar && words.startsWith(words.ntokens() - 2, "HTTP/")) {
            return line.close(ParsedLine.SILENT); // memcached hangs up on HTTP requests
        }
        return line.refuse(ERROR);
    }
}
