package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The RESP value types, each with its wire marker and how a value of it is framed: the one place the
 * markers are known. RESP2 has the first five; the RESP3 ones are here because a datastore may send
 * them and its replies must still be framed right.
 *
 * <p>Every value starts with the marker and a line ending in CRLF. What the line means, and what
 * follows it, is the type's {@link Framing}; {@link #owedAfter(long)} says how many further values
 * belong to this one, which is all a scanner needs to follow nesting without recursion.
 * Immutable; shared by every thread.
 */
public enum RespType {
    SIMPLE_STRING('+', Framing.LINE),
    ERROR('-', Framing.LINE),
    INTEGER(':', Framing.LINE),
    BULK_STRING('$', Framing.BULK),
    ARRAY('*', Framing.AGGREGATE),
    NULL('_', Framing.LINE),
    BOOLEAN('#', Framing.LINE),
    DOUBLE(',', Framing.LINE),
    BIG_NUMBER('(', Framing.LINE),
    BULK_ERROR('!', Framing.BULK),
    VERBATIM_STRING('=', Framing.BULK),
    MAP('%', Framing.PAIRS),
    SET('~', Framing.AGGREGATE),
    PUSH('>', Framing.AGGREGATE),
    /** Key-value pairs about the value that follows them; that value is still owed. */
    ATTRIBUTE('|', Framing.ATTRIBUTE);

    /** What a type's line means and what follows it. */
    public enum Framing {
        /** The line is the value. */
        LINE,
        /** The line is a length; that many bytes and a CRLF follow. Negative: null, nothing follows. */
        BULK,
        /** The line is a count of values that follow. Negative: null, nothing follows. */
        AGGREGATE,
        /** The line is a count of key-value pairs that follow. */
        PAIRS,
        /** As {@link #PAIRS}, and the value they annotate comes after them. */
        ATTRIBUTE
    }

    private static final RespType[] BY_MARKER = new RespType[128];

    static {
        for (RespType type : values()) {
            BY_MARKER[type.marker] = type;
        }
    }

    private final byte marker;
    private final Framing framing;
    // Derived from the framing once, as fields: the reply decoder asks for each value of each reply.
    private final boolean hasLength;
    private final int valuesPerCount;
    private final int annotated;

    RespType(char marker, Framing framing) {
        this.marker = (byte) marker;
        this.framing = framing;
        this.hasLength = framing != Framing.LINE;
        this.valuesPerCount = switch (framing) {
            case LINE, BULK -> 0;
            case AGGREGATE -> 1;
            case PAIRS, ATTRIBUTE -> 2;
        };
        this.annotated = framing == Framing.ATTRIBUTE ? 1 : 0;
    }

    /** The type that {@code marker} starts, or {@code null} if it starts none. */
    public static RespType of(byte marker) {
        return marker >= 0 ? BY_MARKER[marker] : null;
    }

    /** The type of the value at {@code buf}'s reader index, or {@code null} if it is empty or starts none. */
    public static RespType of(ByteBuf buf) {
        return buf.isReadable() ? of(buf.getByte(buf.readerIndex())) : null;
    }

    public byte marker() {
        return marker;
    }

    public Framing framing() {
        return framing;
    }

    /** Whether the line is a number (a length or a count) rather than the value itself. */
    public boolean hasLength() {
        return hasLength;
    }

    public boolean isError() {
        return this == ERROR || this == BULK_ERROR;
    }

    /**
     * How many values still belong to this one once its header line (whose number is {@code n}) has
     * been read: 0 for scalars and nulls, the count or twice the count for aggregates, one more for
     * an attribute (the value it annotates).
     */
    public long owedAfter(long n) {
        return valuesPerCount * Math.max(n, 0) + annotated;
    }
}
