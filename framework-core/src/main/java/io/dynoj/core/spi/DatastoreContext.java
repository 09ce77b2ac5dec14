package io.dynoj.core.spi;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.DatastoreSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;

/**
 * What a {@link DatastoreProvider} gets to build a datastore.
 *
 * @param settings the datastore's part of the node's configuration
 * @param ioGroup the node's event loops; a datastore binds its connections to them so that a
 *     request and its backend I/O stay on one thread
 * @param channels makes client socket channels of the transport the node's loops run (epoll or
 *     NIO); see {@link #bootstrap()}
 * @param protocol the protocol the node's clients speak
 * @param limits the bounds the node's decoders enforce on each request (a command engine applies
 *     the same ones)
 * @param metrics where the datastore registers its metrics
 */
public record DatastoreContext(
        DatastoreSettings settings,
        EventLoopGroup ioGroup,
        ChannelFactory<? extends Channel> channels,
        ProtocolAdapter protocol,
        ProtocolLimits limits,
        MetricRegistry metrics) {

    /**
     * A new bootstrap for connections from this node, with the channel type its loops need; the
     * caller sets the loop ({@code group}), the options and the handler.
     */
    public Bootstrap bootstrap() {
        return new Bootstrap().channelFactory(channels);
    }
}
