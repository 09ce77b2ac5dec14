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
 * A datastore server behind the node (redis-server, memcached): the {@link Datastore} an adapter of
 * a server returns from its {@link io.dynoj.core.spi.DatastoreProvider#create provider}, with the
 * protocol in a {@link ServerConnection} subclass. An adapter writes no pooling, reconnecting,
 * timeout or threading code of its own:
 * <pre>{@code
 * public Datastore create(DatastoreContext context) {
 *     validate(context.settings());
 *     return new ServerDatastore<>(context, type(), MyServerConnection::new);
 * }
 * }</pre>
 *
 * <p>What it does with the context: it connects to the first entry of
 * {@link DatastoreSettings#servers() servers} (a provider refuses other counts in its
 * {@code validate}); each event loop of {@link DatastoreContext#ioGroup()} owns
 * {@link DatastoreSettings#connections()} connections, made by the {@link ConnectionFactory} on
 * {@link DatastoreContext#bootstrap()} (TCP_NODELAY, keep-alive, a connect timeout of
 * {@link DatastoreSettings#timeoutMillis() timeout} up to 10 s, 1-4 MB write water marks); it
 * registers {@code datastore.<type>.*} counters ({@link DatastoreMetrics}).
 *
 * <p>Threading: {@link #execute} is called on a client connection's event loop, which is one of the
 * node's loops, and writes to a connection of that same loop: no hand-off, and all clients of a loop
 * share its connections, so their requests leave in one write per loop iteration. A client
 * connection always uses the same server connection ({@link ReplySink#connectionId()}), which keeps
 * its requests in order. A call from a thread that is not one of the node's loops (a test, a
 * blocking caller) is handed to a connection's loop and counted in
 * {@code datastore.<type>.cross_thread_handoffs}. {@link #start()} and {@link #close()} may be
 * called from any thread.
 *
 * @param <C> the adapter's connection class
 */
public final class ServerDatastore<C extends ServerConnection> implements Datastore {

    /**
     * Makes one connection of the pool: usually the connection class's constructor. Called once per
     * connection while the datastore is made, on the thread that makes it; the connection connects
     * only when {@link #start()} starts it.
     */
    @FunctionalInterface
    public interface ConnectionFactory<C> {
        /**
         * @param loop the event loop that will own the connection
         * @param bootstrap the node's bootstrap with its options; the connection clones it for its loop
         * @param address the server
         * @param timeoutMillis how long the server may leave requests unanswered before they fail
         * @param metrics the datastore's counters, shared by every connection of the pool
         */
        C create(EventLoop loop, Bootstrap bootstrap, InetSocketAddress address, long timeoutMillis,
                 DatastoreMetrics metrics);
    }

    private final LoopAffinePool<C> connections;
    private final DatastoreMetrics metrics;

    /**
     * A datastore of {@code type} (the name its counters carry) on the servers and loops of
     * {@code context}, its connections made by {@code factory}. Opens nothing until {@link #start()}.
     */
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

    /** Connects every connection; completes when all are up, or exceptionally when one could not connect (it keeps trying). */
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

    /** Whether some connection to the server is up (one that is down refuses at once). */
    @Override
    public boolean acceptsWrites() {
        return connections.anyConnected();
    }

    @Override
    public void close() {
        connections.close();
    }
}
