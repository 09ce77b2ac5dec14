package io.dynoj.core.spi;

import io.dynoj.core.config.RequestLimits;

/**
 * Bounds a protocol decoder enforces on each request, so that bad or hostile input is answered
 * with an error instead of exhausting memory. The defaults are Redis's and memcached's own
 * ({@link RequestLimits}, where the configuration keys are).
 *
 * @param maxRequestBytes most bytes one request may take while the decoder buffers it (Redis's
 *     {@code client-query-buffer-limit}); past it the connection is closed without a reply, as Redis does
 * @param maxInlineBytes longest line of a Redis inline command (Redis's {@code PROTO_INLINE_MAX_SIZE})
 * @param maxArguments largest number of arguments in one request (multibulk count, keys of a memcached get)
 * @param allowFlushAll whether clients may empty the datastores (Redis {@code FLUSHALL}/{@code FLUSHDB},
 *     memcached {@code flush_all}); such a command runs on every node of every rack and datacenter, never
 *     on one rack alone, so it is off by default: one stray command would wipe the whole cluster
 * @param maxBulkBytes longest RESP bulk string (Redis's {@code proto-max-bulk-len})
 * @param maxItemBytes longest memcached data block (memcached's {@code item_size_max}, its {@code -I})
 * @param maxLineBytes longest memcached command line but a {@code get}/{@code gets} (memcached's 2048)
 */
public record ProtocolLimits(long maxRequestBytes, int maxInlineBytes, int maxArguments, boolean allowFlushAll,
                             long maxBulkBytes, long maxItemBytes, int maxLineBytes) {

    public static final long QUERY_BUFFER_LIMIT = RequestLimits.QUERY_BUFFER_LIMIT;
    public static final long PROTO_MAX_BULK_LEN = RequestLimits.PROTO_MAX_BULK_LEN;
    public static final int INLINE_MAX_SIZE = RequestLimits.INLINE_MAX_SIZE;
    public static final int MAX_ARGUMENTS = RequestLimits.MAX_ARGUMENTS;
    public static final long ITEM_SIZE_MAX = RequestLimits.ITEM_SIZE_MAX;
    public static final int MEMCACHED_LINE_MAX = RequestLimits.MEMCACHED_LINE_MAX;

    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(QUERY_BUFFER_LIMIT, INLINE_MAX_SIZE, MAX_ARGUMENTS,
            false, PROTO_MAX_BULK_LEN, ITEM_SIZE_MAX, MEMCACHED_LINE_MAX);

    public ProtocolLimits {
        if (maxRequestBytes <= 0 || maxInlineBytes <= 0 || maxArguments <= 0 || maxBulkBytes <= 0 || maxItemBytes <= 0
                || maxLineBytes <= 0) {
            throw new IllegalArgumentException("protocol limits must be positive");
        }
    }

    /**
     * Limits with one size for everything: a bulk string, a data block and a request may each be as long as
     * {@code maxRequestBytes}; memcached lines keep memcached's 2048 bytes.
     */
    public ProtocolLimits(long maxRequestBytes, int maxInlineBytes, int maxArguments, boolean allowFlushAll) {
        this(maxRequestBytes, maxInlineBytes, maxArguments, allowFlushAll, maxRequestBytes, maxRequestBytes,
                MEMCACHED_LINE_MAX);
    }
}
