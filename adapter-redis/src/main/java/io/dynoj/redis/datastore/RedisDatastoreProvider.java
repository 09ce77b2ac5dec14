package io.dynoj.redis.datastore;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.DatastoreSettings;
import io.dynoj.core.datastore.ServerDatastore;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import java.util.Set;

/**
 * Datastore type {@code redis}: the redis-server named by the first entry of {@code servers}, behind a
 * {@link ServerConfigGuard} (CONFIG SET refused) and a {@link WatchingDatastore} (WATCH kept by the node).
 */
@AutoService(DatastoreProvider.class)
public final class RedisDatastoreProvider implements DatastoreProvider {

    /** The datastore type. */
    public static final String TYPE = "redis";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> protocols() {
        return Set.of(RedisProtocolAdapter.NAME);
    }

    /** One server in {@code servers}; the {@code redis:} section holds only the node's credentials. */
    @Override
    public void validate(DatastoreSettings settings) {
        BackendCredentials.of(settings.section());
        if (settings.servers().size() != 1) {
            throw new IllegalArgumentException("datastore 'redis' needs exactly one entry in 'servers' "
                    + "(as in Dynomite, a node fronts one datastore server); found " + settings.servers().size());
        }
    }

    @Override
    public Datastore create(DatastoreContext context) {
        validate(context.settings());
        BackendCredentials credentials = BackendCredentials.of(context.settings().section());
        ServerRangeStore ranges = new ServerRangeStore(context.settings().servers().get(0).address().toSocketAddress(),
                context.settings().timeoutMillis(), credentials);
        return new WatchingDatastore(new ServerConfigGuard(new ServerDatastore<>(context, type(),
                (loop, bootstrap, address, timeout, metrics) -> new BackendConnection(loop, bootstrap, address, timeout,
                        metrics, credentials)), ranges));
    }
}
