package io.dynoj.memcached.protocol;

/**
 * How the memcached server's answer to a request is framed, so that a datastore connection knows
 * where one reply ends. Any request may also be answered by one {@code ERROR}, {@code CLIENT_ERROR ...}
 * or {@code SERVER_ERROR ...} line instead.
 */
public enum ReplyShape {
    /** One line: STORED, DELETED, a number, OK, VERSION x, HD, NF, MN... */
    LINE,
    /** {@code VALUE <key> <flags> <bytes> [<cas>]\r\n<data>\r\n} blocks, then {@code END\r\n}. */
    VALUES_THEN_END,
    /** {@code STAT ...} lines, then {@code END\r\n}. */
    STATS_THEN_END,
    /** Meta: {@code VA <size> <flags>*\r\n<data>\r\n}, or one line (HD, EN, NF, NS, EX...). */
    META_VALUE_OR_LINE
}
