package io.dynoj.core.spi;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.net.Transport;
import io.netty.channel.EventLoopGroup;

/**
 * What a {@link DatastoreProvider} gets to build a datastore.
 *
 * @param config the node's configuration
 * @param ioGroup the node's event loops; a datastore binds its connections to them so that a
 *     request and its backend I/O stay on one thread
 * @param transport the socket transport (epoll or NIO) the node runs on
 * @param protocol the protocol the node's clients speak
 * @param metrics where the datastore registers its metrics
 */
public record DatastoreContext(
        NodeConfig config,
        EventLoopGroup ioGroup,
        Transport transport,
        ProtocolAdapter protocol,
        MetricRegistry metrics) {
}
