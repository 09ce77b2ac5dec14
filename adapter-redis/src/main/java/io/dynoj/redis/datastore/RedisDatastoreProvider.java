package io.dynoj.redis.datastore;

import com.google.auto.service.AutoService;
import io.dynoj.core.datastore.ServerDatastore;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import java.util.Set;

/** Datastore type {@code redis}: the redis-server named by the first entry of {@code servers}. */
@AutoService(DatastoreProvider.class)
public final class RedisDatastoreProvider implements DatastoreProvider {

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public Set<String> protocols() {
        return Set.of(RedisProtocolAdapter.NAME);
    }

    @Override
    public Datastore create(DatastoreContext context) {
        if (context.config().servers().size() != 1) {
            throw new IllegalArgumentException("datastore 'redis' needs exactly one entry in 'servers' "
                    + "(as in Dynomite, a node fronts one datastore server); found " + context.config().servers().size());
        }
        return new ServerConfigGuard(new ServerDatastore<>(context, type(), BackendConnection::new));
    }
}
