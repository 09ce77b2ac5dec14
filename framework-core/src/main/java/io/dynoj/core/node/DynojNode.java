package io.dynoj.core.node;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.server.ClientServer;
import io.dynoj.core.server.Transport;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.DatastoreContext;
import io.dynoj.core.spi.DatastoreProvider;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProviderLoader;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Dynoj node: its client protocol, its datastore and the server that connects them.
 * {@link #start()} once, {@link #close()} once; {@link #state()} says where it is.
 */
public final class DynojNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynojNode.class);
    private static final long DATASTORE_START_WAIT_MS = 5000;

    private final NodeConfig config;
    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicReference<NodeState> state = new AtomicReference<>(NodeState.NEW);
    private Transport transport;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private Datastore datastore;
    private ClientServer server;

    public DynojNode(NodeConfig config) {
        this.config = config;
    }

    /** Starts serving; on failure the node is {@link NodeState#FAILED} and everything it opened is closed. */
    public DynojNode start() {
        if (!state.compareAndSet(NodeState.NEW, NodeState.STARTING)) {
            throw new IllegalStateException("node is " + state.get() + ", not NEW");
        }
        try {
            ProtocolAdapter protocol = ProviderLoader.protocol(config.protocol());
            DatastoreProvider provider = ProviderLoader.datastore(config.datastoreType());
            if (!provider.protocols().contains(protocol.name())) {
                throw new IllegalStateException("datastore '" + provider.type() + "' cannot serve protocol '"
                        + protocol.name() + "'; it serves " + provider.protocols());
            }
            transport = Transport.best();
            int threads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
            acceptGroup = transport.newGroup(1, "dynoj-accept");
            ioGroup = transport.newGroup(threads, "dynoj-io");
            datastore = provider.create(new DatastoreContext(config, ioGroup, transport, protocol, metrics));
            awaitDatastore();
            server = ClientServer.bind(config, transport, acceptGroup, ioGroup, protocol, datastore, metrics);
            state.set(NodeState.RUNNING);
            log.info("Dynoj {} serving {} clients on {} ({} transport, {} I/O threads), datastore '{}' {}",
                    Version.get(), protocol.name(), server.localAddress(), transport, threads, provider.type(),
                    config.servers());
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    /** A datastore that is down at start is not fatal: it reconnects, and clients get errors meanwhile. */
    private void awaitDatastore() throws InterruptedException {
        try {
            datastore.start().get(DATASTORE_START_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("datastore not ready yet ({}); serving anyway, requests fail until it is", cause.toString());
        }
    }

    public NodeState state() {
        return state.get();
    }

    public NodeConfig config() {
        return config;
    }

    public MetricRegistry metrics() {
        return metrics;
    }

    /** Where clients connect (the real port when {@code listen} asked for port 0). */
    public InetSocketAddress clientAddress() {
        if (server == null) {
            throw new IllegalStateException("node is " + state.get());
        }
        return server.localAddress();
    }

    private void fail() {
        state.set(NodeState.FAILED);
        release();
    }

    @Override
    public void close() {
        NodeState previous = state.getAndUpdate(s -> s == NodeState.RUNNING ? NodeState.STOPPING : s);
        if (previous != NodeState.RUNNING) {
            return;
        }
        release();
        state.set(NodeState.STOPPED);
        log.info("Dynoj node on {} stopped", config.listen());
    }

    private void release() {
        if (server != null) {
            server.close();
        }
        if (datastore != null) {
            datastore.close();
        }
        if (acceptGroup != null) {
            acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
