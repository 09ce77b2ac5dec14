package io.dynoj.core.datastore;

import io.dynoj.core.config.DatastoreSettings;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.net.LoopAffinePool;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A datastore server behind the node (redis-server, memcached). Each event loop of the node owns
 * {@code datastore_connections} connections to it, so a request is written to the server on the
 * thread that decoded it, with no hand-off; all clients of a loop share its connections, and their
 * requests leave in one write per loop iteration. A client connection always uses the same server
 * connection, which keeps its requests in order. The protocol lives in the connection class.
 */
public final class ServerDatastore<C extends ServerConnection> implements Datastore {

    /** Makes one connection of the pool. */
    @FunctionalInterface
    public interface ConnectionFactory<C> {
        C create(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                 DatastoreMetrics metrics);
    }

    private final LoopAffinePool<C> connections;
    private final DatastoreMetrics metrics;

    public ServerDatastore(DatastoreContext context, String type, ConnectionFactory<C> factory) {
        DatastoreSettings settings = context.settings();
        ServerAddress server = settings.servers().get(0);
        InetSocketAddress address = new InetSocketAddress(server.address().host(), server.address().port());
        metrics = new DatastoreMetrics(context.metrics(), type);
        Bootstrap bootstrap = context.bootstrap()
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.timeoutMillis(), 10_000))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
        connections = new LoopAffinePool<>(context.ioGroup(), settings.connections(),
                loop -> factory.create(loop, bootstrap, address, settings.timeoutMillis(), metrics));
    }

    @Override
    public CompletableFuture<Void> start() {
        return connections.start();
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        C connection = connections.onCallerLoop(sink);
        if (connection != null) {
            connection.send(request, sink);
            return;
        }
        metrics.crossThread.inc();
        C other = connections.anyFor(sink);
        other.loop().execute(() -> other.send(request, sink));
    }

    @Override
    public void close() {
        connections.close();
    }
}
