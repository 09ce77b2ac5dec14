package io.dynoj.core.spi;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One decoded client request of some wire protocol.
 *
 * <p>A request keeps the client's original bytes ({@link #frame()}) so that a datastore speaking the
 * same protocol can forward them untouched. Its reference count is the frame's: whoever ends up
 * with the request (usually the datastore, which writes the frame to its connection) releases it
 * exactly once. Key buffers are slices of the frame, valid only while the request is alive.
 *
 * <p>Threading: a request is created and consumed on one event loop; it is not thread-safe.
 */
public interface Request extends ReferenceCounted {

    /** The request exactly as the client sent it (for inline commands, its RESP equivalent). */
    ByteBuf frame();

    /** The lower-case command name, e.g. {@code "get"}. */
    String command();

    RequestKind kind();

    /** Number of keys this request touches. */
    int keyCount();

    /** Key {@code index} as a read-only slice of the frame; no copy, no retain. */
    ByteBuf key(int index);

    /**
     * The same request over the same bytes, with its own read position and one more reference, to
     * send one request to several places (a socket write moves the reader index of what it writes).
     */
    Request retainedDuplicate();

    /** False for requests the client expects no reply to (memcached {@code noreply}). */
    default boolean expectsReply() {
        return true;
    }
}
