package io.dynoj.memcached.datastore;

import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.net.LoopAffinePool;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A memcached server behind the node. Each event loop of the node owns {@code datastore_connections}
 * connections to it, so a request is written to memcached on the thread that decoded it, with no
 * hand-off; all clients of a loop share its connections, and their requests leave in one write per
 * loop iteration. A client connection always uses the same memcached connection, which keeps its
 * requests (and so a {@code noreply} write and the read after it) in order.
 */
final class MemcachedDatastore implements Datastore {

    private final LoopAffinePool<MemcachedBackendConnection> connections;
    private final MemcachedDatastoreMetrics metrics;

    MemcachedDatastore(DatastoreContext context) {
        NodeConfig config = context.config();
        ServerAddress server = config.servers().get(0);
        InetSocketAddress address = new InetSocketAddress(server.address().host(), server.address().port());
        metrics = new MemcachedDatastoreMetrics(context.metrics(), "datastore.memcached");
        Bootstrap bootstrap = new Bootstrap()
                .channel(context.transport().clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(config.timeoutMillis(), 10_000))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
        connections = new LoopAffinePool<>(context.ioGroup(), config.datastoreConnections(),
                loop -> new MemcachedBackendConnection(loop, bootstrap, address, config.timeoutMillis(), metrics));
    }

    @Override
    public CompletableFuture<Void> start() {
        return connections.start();
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        MemcachedBackendConnection connection = connections.onCallerLoop(sink);
        if (connection != null) {
            connection.send(request, sink);
            return;
        }
        metrics.crossThread.inc();
        MemcachedBackendConnection other = connections.anyFor(sink);
        other.loop().execute(() -> other.send(request, sink));
    }

    @Override
    public void close() {
        connections.close();
    }
}
