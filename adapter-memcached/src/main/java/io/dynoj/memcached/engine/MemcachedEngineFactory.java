package io.dynoj.memcached.engine;

import com.codahale.metrics.MetricRegistry;
import com.google.auto.service.AutoService;
import io.dynoj.core.storage.CommandEngine;
import io.dynoj.core.storage.CommandEngineFactory;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.memcached.protocol.MemcachedProtocolAdapter;

/** The memcached command engine, for nodes whose datastore is a store (memory, LevelDB, MySQL...). */
@AutoService(CommandEngineFactory.class)
public final class MemcachedEngineFactory implements CommandEngineFactory {

    @Override
    public String protocol() {
        return MemcachedProtocolAdapter.NAME;
    }

    @Override
    public CommandEngine create(OrderedStore store, EngineSettings settings, MetricRegistry metrics) {
        return new MemcachedEngine(store, settings, System::currentTimeMillis);
    }
}
