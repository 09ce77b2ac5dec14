package io.dynoj.core.server;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.spi.ClientSession;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;

/**
 * What one client connection's local commands see and change ({@link ClientSession}): its allocator
 * and its own consistency levels over the node's. Used on the connection's event loop only.
 */
final class ConnectionSession implements ClientSession {

    private final Channel channel;
    private final ConsistencySettings node;
    private ConsistencyLevel readOverride;
    private ConsistencyLevel writeOverride;

    ConnectionSession(Channel channel, ConsistencySettings node) {
        this.channel = channel;
        this.node = node;
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public ConsistencyLevel readConsistency() {
        return readOverride != null ? readOverride : node.read();
    }

    @Override
    public ConsistencyLevel writeConsistency() {
        return writeOverride != null ? writeOverride : node.write();
    }

    @Override
    public void readConsistency(ConsistencyLevel level) {
        readOverride = level;
    }

    @Override
    public void writeConsistency(ConsistencyLevel level) {
        writeOverride = level;
    }

    /** This connection's own read level, or {@code null} to use the node's. */
    ConsistencyLevel readOverride() {
        return readOverride;
    }

    /** This connection's own write level, or {@code null} to use the node's. */
    ConsistencyLevel writeOverride() {
        return writeOverride;
    }
}
