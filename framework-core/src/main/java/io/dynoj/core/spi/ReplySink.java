package io.dynoj.core.spi;

import io.dynoj.core.config.ConsistencyLevel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * Where the answer to one request goes.
 *
 * <p>Exactly one of {@link #reply} or {@link #error} is called, once, from any thread; the node
 * puts the answer back in request order on the client's connection.
 */
public interface ReplySink {

    /** The reply in the client's wire format; ownership passes to the sink. */
    void reply(ByteBuf reply);

    /** A failure the client reads as its protocol's error ({@code -ERR message} for Redis). */
    void error(String message);

    /** The event loop of the client connection this request came from. */
    EventLoop eventLoop();

    /**
     * A number that is the same for every request of one client connection. A datastore with
     * several connections uses it to keep one client's requests on one backend connection, and
     * so in the order the client sent them.
     */
    int connectionId();

    /**
     * Says that work for this request goes on after the client is answered (replication to other
     * racks once the consistency level is met). The client connection counts it towards its
     * in-flight limit until the returned callback runs, so a client cannot outrun replication.
     * The callback may run on any thread, once.
     */
    default Runnable background() {
        return () -> { };
    }

    /**
     * Whether nobody waits for this answer any more (the client's connection closed), so that work that would
     * only produce it may stop: a blocking pop must not take an element for a client that left. The sink
     * must still be answered. Callable from any thread.
     */
    default boolean abandoned() {
        return false;
    }

    /** This request's read consistency when its connection overrides the node's, else {@code null}. */
    default ConsistencyLevel readConsistency() {
        return null;
    }

    /** This request's write consistency when its connection overrides the node's, else {@code null}. */
    default ConsistencyLevel writeConsistency() {
        return null;
    }
}
