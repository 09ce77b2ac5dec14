package io.dynoj.memcached.protocol;

import io.dynoj.core.spi.RequestKind;

/**
 * The memcached text and meta commands Dynoj knows, with how the node treats each and how the
 * server's reply is framed.
 */
public enum MemcachedCommand {
    GET(RequestKind.READ, ReplyShape.VALUES_THEN_END),
    GETS(RequestKind.READ, ReplyShape.VALUES_THEN_END),
    /** Get-and-touch changes the expiry: a write, replicated. */
    GAT(RequestKind.WRITE, ReplyShape.VALUES_THEN_END),
    GATS(RequestKind.WRITE, ReplyShape.VALUES_THEN_END),
    SET(RequestKind.WRITE, ReplyShape.LINE),
    ADD(RequestKind.WRITE, ReplyShape.LINE),
    REPLACE(RequestKind.WRITE, ReplyShape.LINE),
    APPEND(RequestKind.WRITE, ReplyShape.LINE),
    PREPEND(RequestKind.WRITE, ReplyShape.LINE),
    CAS(RequestKind.WRITE, ReplyShape.LINE),
    DELETE(RequestKind.WRITE, ReplyShape.LINE),
    INCR(RequestKind.WRITE, ReplyShape.LINE),
    DECR(RequestKind.WRITE, ReplyShape.LINE),
    TOUCH(RequestKind.WRITE, ReplyShape.LINE),
    /** Meta get: a read unless its flags change the item (T, N, E...), then a write. */
    MG(RequestKind.READ, ReplyShape.META_VALUE_OR_LINE),
    MS(RequestKind.WRITE, ReplyShape.LINE),
    MD(RequestKind.WRITE, ReplyShape.LINE),
    MA(RequestKind.WRITE, ReplyShape.META_VALUE_OR_LINE),
    /**
     * Meta debug ({@code me <key>}): one line about the item. The embedded engine adds its write time when asked
     * ({@code me <key> w}), which read repair compares.
     */
    ME(RequestKind.READ, ReplyShape.LINE),
    /** Meta no-op: answered by the node ("MN"). */
    MN(RequestKind.LOCAL, ReplyShape.LINE),
    VERSION(RequestKind.LOCAL, ReplyShape.LINE),
    VERBOSITY(RequestKind.LOCAL, ReplyShape.LINE),
    QUIT(RequestKind.LOCAL, ReplyShape.LINE),
    STATS(RequestKind.LOCAL, ReplyShape.STATS_THEN_END),
    /** Refused unless enabled in config; then run on every node. */
    FLUSH_ALL(RequestKind.ADMIN, ReplyShape.LINE);

    private final RequestKind kind;
    private final ReplyShape replyShape;
    private final String wireName;

    MemcachedCommand(RequestKind kind, ReplyShape replyShape) {
        this.kind = kind;
        this.replyShape = replyShape;
        this.wireName = name().toLowerCase(java.util.Locale.ROOT);
    }

    public RequestKind kind() {
        return kind;
    }

    public ReplyShape replyShape() {
        return replyShape;
    }

    /** The command as written on the wire, e.g. {@code "get"}, {@code "flush_all"}. */
    public String wireName() {
        return wireName;
    }
}
