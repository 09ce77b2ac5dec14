package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.handoff.Hint;
import io.dynoj.core.handoff.HintDelivery;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Hinted handoff's way to the replicas: stored writes go to the target over one peer connection (one loop,
 * one connection id), so the target runs them in the order they were stored; key copies go through the key's
 * lane ({@link PrimaryWrites#repair}). Thread-safe.
 */
final class RouterHintDelivery implements HintDelivery {

    private static final int REPLAY_CONNECTION = -2;

    private final Supplier<Topology> topology;
    private final ToLongFunction<ByteBuf> hasher;
    private final Replicator replicator;
    private final PrimaryWrites primaries;
    private final EventLoop replayLoop;

    RouterHintDelivery(Supplier<Topology> topology, ToLongFunction<ByteBuf> hasher, Replicator replicator,
                       PrimaryWrites primaries, EventLoop replayLoop) {
        this.topology = topology;
        this.hasher = hasher;
        this.replicator = replicator;
        this.primaries = primaries;
        this.replayLoop = replayLoop;
    }

    private ClusterNode node(String nodeId) {
        for (ClusterNode n : topology.get().nodes()) {
            if (n.id().equals(nodeId)) {
                return n;
            }
        }
        return null;
    }

    @Override
    public boolean known(String nodeId) {
        // Until the first topology arrives a node knows only itself: its hints from before a restart wait.
        Topology t = topology.get();
        return t.version() == 0 || node(nodeId) != null;
    }

    @Override
    public boolean reachable(String nodeId) {
        ClusterNode n = node(nodeId);
        return n != null && replicator.peers.reachable(n);
    }

    @Override
    public void replay(String nodeId, Hint hint, Consumer<Boolean> done) {
        ClusterNode n = node(nodeId);
        if (n == null) {
            done.accept(false);
            return;
        }
        // Sent from the replay loop, in the order asked: a peer connection is used on its own loop only.
        replayLoop.execute(() -> {
            Request request = replicator.protocol.decodeFrame(Unpooled.wrappedBuffer(hint.frame()));
            if (hint.writeTime() != 0) {
                // Guarded: a key copied to the target since (read repair, repair) may hold a newer write.
                request.writeTime(hint.writeTime(), true);
            }
            replicator.peers.send(n, request, hint.mode(), ConsistencyLevel.DC_ONE, -1, new Outcome(done), null);
        });
    }

    @Override
    public void repair(String nodeId, Hint hint, Consumer<Boolean> done) {
        ClusterNode n = node(nodeId);
        if (n == null) {
            done.accept(false);
            return;
        }
        if (hint.kind() == Hint.Kind.REPAIR) {
            primaries.repair(hint.key(), hasher.applyAsLong(Unpooled.wrappedBuffer(hint.key())), n, true, done);
            return;
        }
        Request write = replicator.protocol.decodeFrame(Unpooled.wrappedBuffer(hint.frame()));
        try {
            int keys = write.keyCount();
            if (keys == 0) {
                done.accept(true);
                return;
            }
            AtomicInteger left = new AtomicInteger(keys);
            AtomicBoolean ok = new AtomicBoolean(true);
            for (int k = 0; k < keys; k++) {
                byte[] key = io.netty.buffer.ByteBufUtil.getBytes(write.key(k));
                primaries.repair(key, hasher.applyAsLong(write.key(k)), n, true, copied -> {
                    if (!copied) {
                        ok.set(false);
                    }
                    if (left.decrementAndGet() == 0) {
                        done.accept(ok.get());
                    }
                });
            }
        } finally {
            write.release();
        }
    }

    /** A replayed write's answer: any reply means it ran on the target. */
    private final class Outcome implements ReplySink {
        private final Consumer<Boolean> done;

        Outcome(Consumer<Boolean> done) {
            this.done = done;
        }

        @Override
        public void reply(ByteBuf reply) {
            reply.release();
            done.accept(true);
        }

        @Override
        public void error(String message) {
            done.accept(false);
        }

        @Override
        public EventLoop eventLoop() {
            return replayLoop;
        }

        @Override
        public int connectionId() {
            return REPLAY_CONNECTION;
        }
    }
}
