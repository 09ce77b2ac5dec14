package io.dynoj.core.spi;

import io.dynoj.core.config.ConsistencyLevel;
import io.netty.buffer.ByteBufAllocator;

/**
 * What a protocol adapter may see and change of the client connection it answers locally: the
 * buffer allocator, and this connection's own consistency levels (which override the node's).
 * Used on the connection's event loop only.
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
