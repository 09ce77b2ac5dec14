package io.dynoj.redis.datastore;

import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.config.ServerAddress;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A redis-server behind the node. Each event loop of the node owns {@code datastore_connections}
 * connections to it, so a request is written to the datastore on the thread that decoded it, with no
 * hand-off; all clients of a loop share its connections, and their requests leave in one write per
 * loop iteration. A client connection always uses the same datastore connection, which keeps its
 * requests in order.
 */
final class RedisDatastore implements Datastore {

    private final Map<EventExecutor, BackendConnection[]> byLoop = new IdentityHashMap<>();
    private final List<BackendConnection> all = new ArrayList<>();
    private final DatastoreMetrics metrics;

    RedisDatastore(DatastoreContext context) {
        NodeConfig config = context.config();
        ServerAddress server = config.servers().get(0);
        InetSocketAddress address = new InetSocketAddress(server.address().host(), server.address().port());
        metrics = new DatastoreMetrics(context.metrics(), "datastore.redis");
        Bootstrap bootstrap = new Bootstrap()
                .channel(context.transport().clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(config.timeoutMillis(), 10_000))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
        for (EventExecutor executor : context.ioGroup()) {
            EventLoop loop = (EventLoop) executor;
            BackendConnection[] connections = new BackendConnection[config.datastoreConnections()];
            for (int i = 0; i < connections.length; i++) {
                connections[i] = new BackendConnection(loop, bootstrap, address, config.timeoutMillis(), metrics);
                all.add(connections[i]);
            }
            byLoop.put(loop, connections);
        }
    }

    @Override
    public CompletableFuture<Void> start() {
        return CompletableFuture.allOf(all.stream().map(BackendConnection::start).toArray(CompletableFuture[]::new));
    }

    @Override
    public void execute(Request request, ReplySink sink) {
        BackendConnection[] connections = byLoop.get(sink.eventLoop());
        if (connections != null) {
            connections[Math.floorMod(sink.connectionId(), connections.length)].send(request, sink);
            return;
        }
        // A caller outside the node's loops: hand over to the loop that owns the connection.
        metrics.crossThread.inc();
        BackendConnection connection = all.get(Math.floorMod(sink.connectionId(), all.size()));
        connection.loop().execute(() -> connection.send(request, sink));
    }

    @Override
    public void close() {
        all.forEach(BackendConnection::close);
    }
}
