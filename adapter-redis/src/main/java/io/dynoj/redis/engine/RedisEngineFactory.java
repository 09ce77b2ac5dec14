package io.dynoj.redis.engine;

import com.codahale.metrics.MetricRegistry;
import com.google.auto.service.AutoService;
import io.dynoj.core.storage.CommandEngine;
import io.dynoj.core.storage.CommandEngineFactory;
import io.dynoj.core.storage.EngineSettings;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.redis.protocol.RedisProtocolAdapter;

/** The Redis command engine, for nodes whose datastore is a store (LevelDB, MySQL...). */
@AutoService(CommandEngineFactory.class)
public final class RedisEngineFactory implements CommandEngineFactory {

    @Override
    public String protocol() {
        return RedisProtocolAdapter.NAME;
    }

    @Override
    public CommandEngine create(OrderedStore store, EngineSettings settings, MetricRegistry metrics) {
        return new RedisEngine(store, settings, System::currentTimeMillis, metrics);
    }
}
