package io.dynoj.core.storage;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.NodeConfig;

/**
 * Makes the {@link CommandEngine} of one protocol. Found with {@link java.util.ServiceLoader}
 * (register with {@code @AutoService(CommandEngineFactory.class)}); chosen by
 * {@link #protocol()}, the {@link io.dynoj.core.spi.ProtocolAdapter#name() protocol name}.
 * Thread-safe.
 */
public interface CommandEngineFactory {

    String protocol();

    CommandEngine create(OrderedStore store, NodeConfig config, MetricRegistry metrics);
}
