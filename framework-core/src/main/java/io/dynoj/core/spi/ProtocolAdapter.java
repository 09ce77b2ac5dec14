package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;

/**
 * A client wire protocol (Redis RESP, memcached text...).
 *
 * <p>An adapter turns bytes into {@link Request}s, says which requests the node answers itself,
 * and writes errors the way its clients expect them. Replies from a datastore of the same protocol
 * pass through untouched, so an adapter needs no reply encoder.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (register them with
 * {@code @AutoService(ProtocolAdapter.class)}) and chosen by {@link #name()}. One instance serves
 * every connection and must be thread-safe; {@link #newDecoder} makes the per-connection state.
 */
public interface ProtocolAdapter {

    /** The name configuration uses for this protocol, e.g. {@code "redis"}. */
    String name();

    /**
     * A new decoder for one client connection. It emits {@link Request}s in the order they
     * arrive; input it cannot parse becomes a {@link RequestKind#LOCAL} request whose
     * {@link #answerLocally} answer is the protocol's error and closes the connection.
     */
    ChannelHandler newDecoder(ProtocolLimits limits);

    /**
     * The node's own answer to {@code request}, or {@code null} when a datastore must serve it.
     * Called on the connection's event loop for every request; must be cheap for forwarded ones.
     * When it returns an answer the adapter has not released the request; the caller does.
     */
    LocalAnswer answerLocally(Request request, ByteBufAllocator alloc);

    /** {@code message} as this protocol's error reply (for Redis {@code -ERR message\r\n}). */
    ByteBuf errorReply(ByteBufAllocator alloc, String message);
}
