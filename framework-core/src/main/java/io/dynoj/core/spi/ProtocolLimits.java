package io.dynoj.core.spi;

/**
 * Bounds a protocol decoder enforces on each request, so that bad or hostile input is answered
 * with an error instead of exhausting memory.
 *
 * @param maxRequestBytes largest request frame (all its bytes) accepted
 * @param maxInlineBytes longest line of an inline (text) command
 * @param maxArguments largest number of arguments in one request
 * @param allowFlushAll whether clients may empty every node's datastore (memcached {@code flush_all});
 *     off by default, as one stray command would wipe the whole cluster
 */
public record ProtocolLimits(long maxRequestBytes, int maxInlineBytes, int maxArguments, boolean allowFlushAll) {

    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(512L * 1024 * 1024, 64 * 1024, 1024 * 1024, false);
}
