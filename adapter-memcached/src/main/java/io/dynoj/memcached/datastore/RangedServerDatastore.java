package io.dynoj.memcached.datastore;

import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import java.util.concurrent.CompletableFuture;

/**
 * A memcached server datastore with its items as a {@link RangeStore} (repair, warm-up): requests go to the
 * server datastore untouched. Thread-safe as the two it joins.
 */
final class RangedServerDatastore implements Datastore {

    private final Datastore server;
    private final RangeStore ranges;

    RangedServerDatastore(Datastore server, RangeStore ranges) {
        this.server = server;
        this.ranges = ranges;
    }

    @Override
    public CompletableFuture<Void> start() {
        return server.start();
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        server.execute(request, sink);
    }

    @Override
    public boolean acceptsWrites() {
        return server.acceptsWrites();
    }

    @Override
    public boolean servesReads() {
        return server.servesReads();
    }

    @Override
    public RangeStore rangeStore() {
        return ranges;
    }

    @Override
    public void close() {
        server.close();
    }
}
