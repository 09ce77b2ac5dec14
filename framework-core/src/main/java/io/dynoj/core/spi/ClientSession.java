package io.dynoj.core.spi;

import io.dynoj.core.config.ConsistencyLevel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * What a protocol adapter may see and change of the client connection it answers locally: the
 * buffer allocator, this connection's own consistency levels (which override the node's), its
 * description and the node's other client connections. Used on the connection's event loop only.
 */
public interface ClientSession {

    ByteBufAllocator alloc();

    /** The read consistency this connection's requests get. */
    ConsistencyLevel readConsistency();

    /** The write consistency this connection's requests get. */
    ConsistencyLevel writeConsistency();

    /** Overrides the node's read consistency for this connection; {@code null} goes back to the node's. */
    void readConsistency(ConsistencyLevel level);

    /** Overrides the node's write consistency for this connection; {@code null} goes back to the node's. */
    void writeConsistency(ConsistencyLevel level);

    /** This connection's description (id, addresses, name...); a fresh detached one when it is not a client's. */
    default ClientInfo info() {
        return ClientInfo.detached();
    }

    /** Every client connection of the node open now, this one included, by id: a snapshot, safe to keep. */
    default List<ClientInfo> clients() {
        return List.of(info());
    }

    /** The node's publish/subscribe hub; {@code null} where there is none (a session that is not a client's). */
    default PubSub pubSub() {
        return null;
    }

    /** This connection's subscriptions, as the adapter made them; {@code null} until it subscribes. */
    default Subscriber subscriber() {
        return null;
    }

    /**
     * Keeps {@code subscriber} as this connection's; the node takes it out of its {@link #pubSub()} hub (every
     * channel and pattern) when the connection closes.
     */
    default void subscriber(Subscriber subscriber) {
        throw new UnsupportedOperationException("this session cannot subscribe");
    }

    /**
     * Writes {@code message} (ownership passes) to the client after every reply already due, not as the reply
     * to a request: a published message to a subscriber. Callable from any thread; dropped once the
     * connection is closed.
     */
    default void push(ByteBuf message) {
        message.release();
    }

    /** A session that only allocates: for requests that come from peers, not from a client. */
    static ClientSession detached(ByteBufAllocator alloc) {
        return new ClientSession() {
            @Override
            public ByteBufAllocator alloc() {
                return alloc;
            }

            @Override
            public ConsistencyLevel readConsistency() {
                return null;
            }

            @Override
            public ConsistencyLevel writeConsistency() {
                return null;
            }

            @Override
            public void readConsistency(ConsistencyLevel level) {
                throw new UnsupportedOperationException("a peer request has no client session");
            }

            @Override
            public void writeConsistency(ConsistencyLevel level) {
                throw new UnsupportedOperationException("a peer request has no client session");
            }
        };
    }
}
