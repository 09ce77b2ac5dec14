package io.dynoj.core.config;

/**
 * The request-size limits of a node's configuration, under Redis's and memcached's names. Defaults are
 * theirs: {@code proto_max_bulk_len} 512 MB, {@code client_query_buffer_limit} 1 GB, inline lines 64 KB,
 * {@code item_size_max} 1 MB, memcached lines 2048 bytes. Immutable.
 *
 * @param clientQueryBufferLimit most bytes of one request the node buffers (Redis's {@code client-query-buffer-limit})
 * @param protoMaxBulkLen longest RESP bulk string (Redis's {@code proto-max-bulk-len})
 * @param protoInlineMaxSize longest Redis inline command line (Redis's {@code PROTO_INLINE_MAX_SIZE})
 * @param protoMaxMultibulkLen most arguments of one request
 * @param itemSizeMax longest memcached data block (memcached's {@code item_size_max})
 * @param memcachedMaxLineLength longest memcached command line but a get
 * @param peerMaxFrameBytes largest peer frame payload; 0: the client query buffer limit and room for the
 *     peer's own header fields
 */
public record RequestLimits(long clientQueryBufferLimit, long protoMaxBulkLen, int protoInlineMaxSize,
                            int protoMaxMultibulkLen, long itemSizeMax, int memcachedMaxLineLength,
                            long peerMaxFrameBytes) {

    /** Redis's {@code client-query-buffer-limit}: 1 GB. */
    public static final long QUERY_BUFFER_LIMIT = 1024L * 1024 * 1024;
    /** Redis's {@code proto-max-bulk-len}: 512 MB. */
    public static final long PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;
    /** Redis's {@code PROTO_INLINE_MAX_SIZE}: 64 KB. */
    public static final int INLINE_MAX_SIZE = 64 * 1024;
    /**
     * Arguments of one request. Redis takes up to INT_MAX, but the node splits a multi-key command into
     * one sub-request per key (a fan-out Redis does not have), so it stops at a million.
     */
    public static final int MAX_ARGUMENTS = 1024 * 1024;
    /** memcached's {@code item_size_max}: 1 MB. */
    public static final long ITEM_SIZE_MAX = 1024L * 1024;
    /** memcached closes a connection that sends this many bytes without a newline (not a get). */
    public static final int MEMCACHED_LINE_MAX = 2048;

    /** A request is one buffer, and a peer frame adds its header: this is as large as either may be. */
    public static final long MAX_BUFFER = Integer.MAX_VALUE - 64 * 1024;
    /** Room a forwarded request needs beyond its own bytes. */
    private static final int PEER_OVERHEAD = 1024;

    public static final RequestLimits DEFAULTS = new RequestLimits(QUERY_BUFFER_LIMIT, PROTO_MAX_BULK_LEN,
            INLINE_MAX_SIZE, MAX_ARGUMENTS, ITEM_SIZE_MAX, MEMCACHED_LINE_MAX, 0);

    public RequestLimits {
        check("client_query_buffer_limit", clientQueryBufferLimit, 1, MAX_BUFFER);
        check("proto_max_bulk_len", protoMaxBulkLen, 1, Long.MAX_VALUE);
        check("proto_inline_max_size", protoInlineMaxSize, 1, Integer.MAX_VALUE);
        check("proto_max_multibulk_len", protoMaxMultibulkLen, 1, Integer.MAX_VALUE);
        check("item_size_max", itemSizeMax, 1, Long.MAX_VALUE);
        // memcached's own rule for a line is the shortest a command needs; below it nothing would parse.
        check("memcached_max_line_length", memcachedMaxLineLength, 256, Integer.MAX_VALUE);
        check("peer_max_frame_bytes", peerMaxFrameBytes, 0, MAX_BUFFER);
    }

    /** The largest peer frame payload accepted: {@code peer_max_frame_bytes}, or room for any client request. */
    public long peerFrameLimit() {
        return peerMaxFrameBytes > 0 ? peerMaxFrameBytes : Math.min(clientQueryBufferLimit + PEER_OVERHEAD, MAX_BUFFER);
    }

    public RequestLimits withClientQueryBufferLimit(long v) {
        return new RequestLimits(v, protoMaxBulkLen, protoInlineMaxSize, protoMaxMultibulkLen, itemSizeMax,
                memcachedMaxLineLength, peerMaxFrameBytes);
    }

    public RequestLimits withProtoMaxBulkLen(long v) {
        return new RequestLimits(clientQueryBufferLimit, v, protoInlineMaxSize, protoMaxMultibulkLen, itemSizeMax,
                memcachedMaxLineLength, peerMaxFrameBytes);
    }

    public RequestLimits withProtoInlineMaxSize(int v) {
        return new RequestLimits(clientQueryBufferLimit, protoMaxBulkLen, v, protoMaxMultibulkLen, itemSizeMax,
                memcachedMaxLineLength, peerMaxFrameBytes);
    }

    public RequestLimits withProtoMaxMultibulkLen(int v) {
        return new RequestLimits(clientQueryBufferLimit, protoMaxBulkLen, protoInlineMaxSize, v, itemSizeMax,
                memcachedMaxLineLength, peerMaxFrameBytes);
    }

    public RequestLimits withItemSizeMax(long v) {
        return new RequestLimits(clientQueryBufferLimit, protoMaxBulkLen, protoInlineMaxSize, protoMaxMultibulkLen, v,
                memcachedMaxLineLength, peerMaxFrameBytes);
    }

    public RequestLimits withMemcachedMaxLineLength(int v) {
        return new RequestLimits(clientQueryBufferLimit, protoMaxBulkLen, protoInlineMaxSize, protoMaxMultibulkLen,
                itemSizeMax, v, peerMaxFrameBytes);
    }

    public RequestLimits withPeerMaxFrameBytes(long v) {
        return new RequestLimits(clientQueryBufferLimit, protoMaxBulkLen, protoInlineMaxSize, protoMaxMultibulkLen,
                itemSizeMax, memcachedMaxLineLength, v);
    }

    private static void check(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
