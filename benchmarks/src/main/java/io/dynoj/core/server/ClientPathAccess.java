package io.dynoj.core.server;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.routing.RequestDispatcher;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProtocolLimits;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Benchmark-only door to a client connection's pipeline (the protocol's decoder and the package-private
 * {@link ClientConnection}), as {@code ClientChannelInitializer} builds it, on an {@link EmbeddedChannel}:
 * this class sits in the connection's package (in the benchmarks jar, not in framework-core).
 */
public final class ClientPathAccess {

    private ClientPathAccess() {
    }

    /**
     * A client connection serving {@code protocol} through {@code dispatcher}, its figures in
     * {@code registry}; with {@code timeCommands} false, per-command timing is off (as with
     * {@code -Ddynoj.metrics.commands=false}).
     */
    public static EmbeddedChannel channel(ProtocolAdapter protocol, RequestDispatcher dispatcher, MetricRegistry registry,
                                          boolean timeCommands) {
        return channel(protocol, dispatcher, registry, timeCommands, false);
    }

    /** As above, with a {@link WriteFence} when {@code fence} (as in a cluster of several racks). */
    public static EmbeddedChannel channel(ProtocolAdapter protocol, RequestDispatcher dispatcher, MetricRegistry registry,
                                          boolean timeCommands, boolean fence) {
        return new EmbeddedChannel(protocol.newDecoder(ProtocolLimits.DEFAULTS),
                new ClientConnection(protocol, dispatcher, new ServerMetrics(registry, timeCommands), 4096, 1,
                        new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE), new ClientRegistry(), fence));
    }
}
