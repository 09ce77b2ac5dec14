package io.dynoj.memcached.datastore;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.DatastoreSettings;
import io.dynoj.core.datastore.ServerDatastore;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import java.util.Set;

/**
 * Datastore type {@code memcached}: the memcached server named by the one entry of {@code servers}, its items a
 * range store ({@link ServerRangeStore}) for repair and warm-up.
 */
@AutoService(DatastoreProvider.class)
public final class MemcachedDatastoreProvider implements DatastoreProvider {

    /** The datastore type, and the one protocol it serves. */
    public static final String TYPE = "memcached";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> protocols() {
        return Set.of(TYPE);
    }

    /** One server in {@code servers}; the datastore has no section of its own. */
    @Override
    public void validate(DatastoreSettings settings) {
        if (settings.servers().size() != 1) {
            throw new IllegalArgumentException("datastore 'memcached' needs exactly one entry in 'servers' "
                    + "(as in Dynomite, a node fronts one datastore server); found " + settings.servers().size());
        }
    }

    @Override
    public Datastore create(DatastoreContext context) {
        validate(context.settings());
        ServerRangeStore ranges = new ServerRangeStore(context.settings().servers().get(0).address().toSocketAddress(),
                context.settings().timeoutMillis(), System::currentTimeMillis);
        Datastore server = new ServerDatastore<>(context, type(), MemcachedBackendConnection::new);
        return new RangedServerDatastore(server, ranges);
    }
}
