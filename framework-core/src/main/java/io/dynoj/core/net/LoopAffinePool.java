package io.dynoj.core.net;

import io.dynoj.core.spi.ReplySink;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Connections to one destination, {@code perLoop} of them on every event loop of the node, so a
 * request is sent on the thread that decoded it with no hand-off. A client connection always gets
 * the same connection, which keeps its requests in order. Its set of connections is fixed at construction.
 */
public final class LoopAffinePool<C extends OutboundConnection> {

    private final Map<EventExecutor, List<C>> byLoop = new IdentityHashMap<>();
    private final List<C> all = new ArrayList<>();

    public LoopAffinePool(EventLoopGroup group, int perLoop, Function<EventLoop, C> factory) {
        for (EventExecutor executor : group) {
            List<C> connections = new ArrayList<>(perLoop);
            for (int i = 0; i < perLoop; i++) {
                C c = factory.apply((EventLoop) executor);
                connections.add(c);
                all.add(c);
            }
            byLoop.put(executor, connections);
        }
    }

    /** The connection for this caller on its own loop, or {@code null} if the caller runs on no loop of the pool. */
    public C onCallerLoop(ReplySink sink) {
        List<C> connections = byLoop.get(sink.eventLoop());
        return connections == null ? null : connections.get(Math.floorMod(sink.connectionId(), connections.size()));
    }

    /** A connection for a caller outside the pool's loops; use it on its own loop. */
    public C anyFor(ReplySink sink) {
        return all.get(Math.floorMod(sink.connectionId(), all.size()));
    }

    /** Whether every connection of the pool is up right now. */
    public boolean allConnected() {
        return all.stream().allMatch(OutboundConnection::isConnected);
    }

    /** Whether some connection of the pool is up right now (callable from any thread; asked per request). */
    public boolean anyConnected() {
        for (C c : all) {
            if (c.isConnected()) {
                return true;
            }
        }
        return false;
    }

    /** How many connections of the pool are up right now (callable from any thread). */
    public int connectedCount() {
        int up = 0;
        for (C c : all) {
            if (c.isConnected()) {
                up++;
            }
        }
        return up;
    }

    /** Every connection of the pool. */
    public List<C> connections() {
        return java.util.Collections.unmodifiableList(all);
    }

    public CompletableFuture<Void> start() {
        return CompletableFuture.allOf(all.stream().map(OutboundConnection::start).toArray(CompletableFuture[]::new));
    }

    public void close() {
        all.forEach(OutboundConnection::close);
    }
}
