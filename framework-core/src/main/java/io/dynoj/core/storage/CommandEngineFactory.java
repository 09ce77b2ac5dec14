package io.dynoj.core.storage;

import com.codahale.metrics.MetricRegistry;

/**
 * Makes the {@link CommandEngine} of one protocol. Found with {@link java.util.ServiceLoader}
 * (register with {@code @AutoService(CommandEngineFactory.class)}); chosen by
 * {@link #protocol()}, the {@link io.dynoj.core.spi.ProtocolAdapter#name() protocol name}.
 * Thread-safe.
 */
public interface CommandEngineFactory {

    String protocol();

    /** An engine over {@code store}, which stays the caller's to close; it registers its metrics in {@code metrics}. */
    CommandEngine create(OrderedStore store, EngineSettings settings, MetricRegistry metrics);
}
