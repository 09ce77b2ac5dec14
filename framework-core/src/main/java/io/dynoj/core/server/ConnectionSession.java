package io.dynoj.core.server;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.spi.ClientInfo;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.PubSub;
import io.dynoj.core.spi.Subscriber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one client connection's local commands see and change ({@link ClientSession}): its allocator,
 * its own consistency levels over the node's, what CLIENT commands show of it ({@link ClientInfo}) and
 * of the node's other clients. Used on the connection's event loop only.
 */
final class ConnectionSession implements ClientSession {

    private final ConsistencySettings node;
    private final ClientRegistry registry;
    private ConsistencyLevel readOverride;
    private ConsistencyLevel writeOverride;
    /** Null until the connection opens (a detached one of its own if asked for before): not one per connection made and dropped. */
    private ClientInfo info;
    private Channel channel;
    private final PubSub pubSub;
    private final Consumer<ByteBuf> pusher;
    private Subscriber subscriber;

    ConnectionSession(ConsistencySettings node, ClientRegistry registry) {
        this(node, registry, null, ByteBuf::release);
    }

    /**
     * @param pubSub the node's publish/subscribe hub, or null
     * @param pusher writes a pushed message to the connection ({@link #push})
     */
    ConnectionSession(ConsistencySettings node, ClientRegistry registry, PubSub pubSub, Consumer<ByteBuf> pusher) {
        this.node = node;
        this.registry = registry;
        this.pubSub = pubSub;
        this.pusher = pusher;
    }

    /** The connection's channel, once its handler is added (before anything else is called). */
    void attach(Channel channel) {
        this.channel = channel;
    }

    /** The connection became active: it is listed among the node's clients as {@code id}. */
    void opened(int id) {
        info = registry.opened(id, channel);
    }

    /** The connection closed: it is no longer listed. */
    void closed() {
        if (info != null) {
            registry.closed(info);
        }
        unsubscribeAll();
    }

    /** Takes this connection's subscriber out of the hub: a closed connection gets no more messages. */
    void unsubscribeAll() {
        if (subscriber != null && pubSub != null) {
            pubSub.unsubscribeAll(subscriber);
        }
    }

    @Override
    public PubSub pubSub() {
        return pubSub;
    }

    @Override
    public Subscriber subscriber() {
        return subscriber;
    }

    @Override
    public void subscriber(Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public void push(ByteBuf message) {
        pusher.accept(message);
    }

    @Override
    public ClientInfo info() {
        if (info == null) {
            info = ClientInfo.detached();
        }
        return info;
    }

    @Override
    public List<ClientInfo> clients() {
        return registry.snapshot();
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
