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

    /**
     * The write's timestamp ({@link io.dynoj.core.time.HybridClock}), chosen once by the node that ordered it
     * and carried to every replica; 0 when none was chosen (a read, a write a store stamps itself).
     */
    default long writeTime() {
        return 0;
    }

    /**
     * Whether a store that keeps timestamps must skip this write when a key it touches holds a newer one
     * (a replayed hint, a key copy: writes that may arrive after newer ones). Ordinary writes are not
     * checked, so they cost no read.
     */
    default boolean writeTimeGuarded() {
        return false;
    }

    /** Sets {@link #writeTime()} and {@link #writeTimeGuarded()}; ignored by requests that carry none. */
    default void writeTime(long timestamp, boolean guarded) {
    }
}
