package io.dynoj.core.spi;

/**
 * Bounds a protocol decoder enforces on each request, so that bad or hostile input is answered
 * with an error instead of exhausting memory.
 *
 * @param maxRequestBytes largest request frame (all its bytes) accepted
 * @param maxInlineBytes longest line of an inline (text) command
 * @param maxArguments largest number of arguments in one request
 * @param allowFlushAll whether clients may empty the datastores (Redis {@code FLUSHALL}/{@code FLUSHDB},
 *     memcached {@code flush_all}); such a command runs on every node of every rack and datacenter, never
 *     on one rack alone, so it is off by default: one stray command would wipe the whole cluster
 */
public record ProtocolLimits(long maxRequestBytes, int maxInlineBytes, int maxArguments, boolean allowFlushAll) {

    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(512L * 1024 * 1024, 64 * 1024, 1024 * 1024, false);
}
