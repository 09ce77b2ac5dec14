package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * Finds where one RESP value ends, nested aggregates included, and optionally tells a
 * {@link Visitor} about each value inside it as it is passed: one scanner for framing replies
 * (the datastore reply decoder), reading a request's arguments (the engine) and taking replies
 * apart (the multi-key merge). Nesting is followed with a count of values still owed
 * ({@link RespType#owedAfter(long)}), not recursion.
 *
 * <p>Resumable: when the value is incomplete, {@link #scan} says so and remembers how far it got,
 * relative to the value's start, so bytes that arrive later are scanned once and the caller may
 * move its buffer's contents (as Netty's cumulation does) as long as the value's bytes stay. A
 * visitor hears of each value once, when the value is complete.
 *
 * <p>The client request decoder does not use it: it accepts only arrays of bulk strings, enforces
 * the node's limits with Redis's own error texts while bytes arrive, and must not allocate.
 * It shares {@link RespType} and {@link #number} instead.
 *
 * <p>Not thread-safe: one per connection or per use.
 */
public final class RespScanner {

    /** Told about each value as it is scanned, aggregates before their elements; all no-ops by default. */
    public interface Visitor {

        /** A {@link RespType.Framing#LINE} value; its text (after the marker) is {@code [from, to)}. */
        default void line(RespType type, ByteBuf buf, int from, int to) {
        }

        /** A {@link RespType.Framing#BULK} value of {@code length} bytes at {@code from}; -1 is null. */
        default void bulk(RespType type, ByteBuf buf, int from, int length) {
        }

        /** An aggregate's header: {@code count} elements (pairs for maps) follow; -1 is null. */
        default void aggregate(RespType type, long count) {
        }
    }

    /** Longest number a header may carry: 18 digits and a sign, so no long overflows. */
    private static final int MAX_DIGITS = 18;
    private static final short CRLF = 0x0d0a;

    private final Visitor visitor;
    private long owed;
    private int scanned;
    /** Where the bulk string the last step stopped in ends (absolute), or -1. */
    private long bulkEnd = -1;
    private long needed;

    /** A scanner that only frames. */
    public RespScanner() {
        this(null);
    }

    public RespScanner(Visitor visitor) {
        this.visitor = visitor;
    }

    /**
     * The length of the value starting at {@code start}, or -1 when {@code [start, end)} does not
     * hold all of it yet (call again with more bytes and the same start of the value).
     *
     * @throws CorruptedFrameException if the bytes are not RESP; the scanner is then reset
     */
    public int scan(ByteBuf buf, int start, int end) {
        if (owed == 0) {
            owed = 1;
        }
        try {
            while (owed > 0) {
                bulkEnd = -1;
                int next = step(buf, start + scanned, end);
                if (next < 0) {
                    needed = bulkEnd < 0 ? 0 : bulkEnd - start;
                    return -1;
                }
                scanned = next - start;
            }
        } catch (CorruptedFrameException e) {
            reset();
            throw e;
        }
        int length = scanned;
        reset();
        return length;
    }

    /** Forgets a partly scanned value. */
    public void reset() {
        owed = 0;
        scanned = 0;
        needed = 0;
    }

    /**
     * After {@link #scan} returned -1 inside a bulk string: how many bytes from the value's start
     * the scan needs before it can go on (a lower bound on the value's length); 0 otherwise.
     */
    public long needed() {
        return needed;
    }

    /**
     * Where the complete value starting at {@code start} ends (the index after it).
     *
     * @throws CorruptedFrameException if it is not a complete RESP value
     */
    public static int valueEnd(ByteBuf buf, int start) {
        return valueEnd(buf, start, null);
    }

    /** As {@link #valueEnd(ByteBuf, int)}, telling {@code visitor} (if not null) of each value in it. */
    public static int valueEnd(ByteBuf buf, int start, Visitor visitor) {
        int length = new RespScanner(visitor).scan(buf, start, buf.writerIndex());
        if (length < 0) {
            throw new CorruptedFrameException("incomplete RESP value");
        }
        return start + length;
    }

    /**
     * Index of the '\r' ending the line that starts at {@code from}, or -1 if no CRLF is complete
     * before {@code end}.
     */
    public static int lineEnd(ByteBuf buf, int from, int end) {
        int cr = buf.indexOf(from, end, (byte) '\r');
        return cr < 0 || cr + 1 >= end ? -1 : cr;
    }

    /** The decimal number in {@code [from, to)} (an optional '-' and up to 18 digits), or Long.MIN_VALUE. */
    public static long number(ByteBuf buf, int from, int to) {
        boolean negative = from < to && buf.getByte(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to || to - i > MAX_DIGITS) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < to; i++) {
            byte b = buf.getByte(i);
            if (b < '0' || b > '9') {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    /** Passes the value whose marker is at {@code pos}; the index after it, or -1 if incomplete. */
    private int step(ByteBuf buf, int pos, int end) {
        if (pos >= end) {
            return -1;
        }
        byte marker = buf.getByte(pos);
        RespType type = RespType.of(marker);
        if (type == null) {
            throw new CorruptedFrameException("a byte that starts no RESP value: 0x" + Integer.toHexString(marker & 0xff));
        }
        int cr = lineEnd(buf, pos + 1, end);
        if (cr < 0) {
            return -1;
        }
        if (buf.getByte(cr + 1) != '\n') {
            throw new CorruptedFrameException("a RESP line ends in CR without LF");
        }
        int next = cr + 2;
        long n = 0;
        if (type.hasLength()) {
            n = number(buf, pos + 1, cr);
            if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw new CorruptedFrameException("a malformed RESP length or count");
            }
        }
        if (type.framing() == RespType.Framing.BULK && n >= 0) {
            long bodyEnd = (long) next + n + 2;
            if (bodyEnd > end) {
                bulkEnd = bodyEnd;
                return -1;
            }
            if (buf.getShort((int) bodyEnd - 2) != CRLF) {
                throw new CorruptedFrameException("a RESP bulk string not followed by CRLF");
            }
            next = (int) bodyEnd;
        }
        owed += type.owedAfter(n) - 1;
        if (visitor != null) {
            visit(type, buf, pos + 1, cr, n);
        }
        return next;
    }

    private void visit(RespType type, ByteBuf buf, int lineFrom, int cr, long n) {
        switch (type.framing()) {
            case LINE -> visitor.line(type, buf, lineFrom, cr);
            case BULK -> visitor.bulk(type, buf, cr + 2, n < 0 ? -1 : (int) n);
            default -> visitor.aggregate(type, n < 0 ? -1 : n);
        }
    }
}
