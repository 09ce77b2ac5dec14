package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes this node orders as their keys' primary. Every write to one key runs on one lane: an
 * event loop chosen by the key's hash, with a fixed connection id, so it reaches the local datastore
 * on one connection (one worker lane for a blocking store) and its effect reaches each other replica
 * on one peer connection, in the order the lane executed it. So every replica applies a key's writes
 * in the primary's order, whichever node or I/O thread the clients wrote through.
 *
 * <p>Thread-safe: {@link #submit} may be called on any event loop; the write moves to its lane.
 */
final class PrimaryWrites {

    private final EventLoop[] lanes;
    private final LateEffects[] late;
    private final Replicator replicator;
    /** Blocking requests waiting on their keys' lanes; woken by the writes to their keys. */
    private final BlockedPops blocked;

    PrimaryWrites(EventLoopGroup group, Replicator replicator) {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            loops.add((EventLoop) executor);
        }
        this.lanes = loops.toArray(EventLoop[]::new);
        this.late = new LateEffects[lanes.length];
        for (int i = 0; i < late.length; i++) {
            late[i] = new LateEffects();
        }
        this.replicator = replicator;
        this.blocked = new BlockedPops(replicator, lanes, late);
    }

    /**
     * Executes {@code request} (ownership passes) here as its key's primary and replicates its effect.
     *
     * @param awaitedRack the rack (position among the local datacenter's) whose replica DC_ONE waits for
     * @param toOtherDcs whether the write goes on to the other datacenters (false for one they sent)
     * @param background ends the client's background accounting once every replica has answered
     * @param mayHandOff whether, when the local datastore cannot take writes, the write may go to the
     *     owner of the next rack whose node is reachable, to be ordered there (once: never from a write
     *     that was itself handed off)
     */
    void submit(Topology topology, Request request, long hash, ConsistencyLevel level, int awaitedRack,
                boolean toOtherDcs, ReplySink client, Runnable background, boolean mayHandOff) {
        BlockingRequest blocking = replicator.protocol.blocking(request);
        if (blocking != null) {
            request.release();
            block(topology, blocking, hash, level, awaitedRack, toOtherDcs, client, background);
            return;
        }
        if (mayHandOff && !replicator.datastore.acceptsWrites() && handOff(topology, request, hash, level, awaitedRack,
                client, background)) {
            return;
        }
        int lane = (int) Long.remainderUnsigned(hash, lanes.length);
        LaneSink sink = new LaneSink(client, lanes[lane], lane);
        PrimaryWrite write = new PrimaryWrite(replicator, topology, request, hash, level, awaitedRack, toOtherDcs,
                sink, background, late[lane]);
        if (lanes[lane].inEventLoop()) {
            write.start();
            blocked.written(lane, hash);
        } else {
            lanes[lane].execute(() -> {
                write.start();
                blocked.written(lane, hash);
            });
        }
    }

    /**
     * Serves a blocking request (BLPOP...) on its key's lane: attempts now, and after each later write to the
     * key, until it takes something or its timeout passes ({@link BlockedPops}). Its keys all hash alike.
     */
    private void block(Topology topology, BlockingRequest blocking, long hash, ConsistencyLevel level,
                       int awaitedRack, boolean toOtherDcs, ReplySink client, Runnable background) {
        int lane = (int) Long.remainderUnsigned(hash, lanes.length);
        // Its attempts replicate like writes of their own; nothing goes on after its answer.
        background.run();
        LaneSink sink = new LaneSink(client, lanes[lane], lane);
        Runnable start = () -> blocked.start(lane, topology, hash, level, awaitedRack, toOtherDcs, blocking, sink);
        if (lanes[lane].inEventLoop()) {
            start.run();
        } else {
            lanes[lane].execute(start);
        }
    }

    /**
     * Copies {@code key} whole from the local datastore to {@code target}, on the key's lane, so the copy holds
     * every write this node executed before it and none after, and reaches the target in that place among the
     * key's effects ({@link KeyRepair}). {@code done} gets true once the copy left (or was stored as a hint), or
     * with {@code awaitApplied} once the target applied it.
     */
    void repair(byte[] key, long hash, ClusterNode target, boolean awaitApplied,
                java.util.function.Consumer<Boolean> done) {
        int lane = (int) Long.remainderUnsigned(hash, lanes.length);
        KeyRepair repair = new KeyRepair(replicator, lanes[lane], lane, late[lane], key, hash, target, awaitApplied,
                done);
        lanes[lane].execute(repair::start);
    }

    /** Sends the write to the next rack's owner that is reachable; false when there is none. */
    private boolean handOff(Topology topology, Request request, long hash, ConsistencyLevel level, int awaitedRack,
                            ReplySink client, Runnable background) {
        List<Rack> racks = topology.localDcRacks();
        int own = topology.localRackIndex();
        for (int k = 1; k < racks.size(); k++) {
            ClusterNode node = racks.get((own + k) % racks.size()).owner(hash);
            if (!node.local() && replicator.peers.reachable(node)) {
                replicator.metrics.primaryHandoffs.inc();
                replicator.peers.send(node, request, PeerMessage.MODE_PRIMARY_HANDOFF, level, awaitedRack, client,
                        background);
                return true;
            }
        }
        return false;
    }

    /**
     * The client's sink seen from a lane: answers go to the client (its sinks are thread-safe), while the
     * lane's loop and id choose the connections the write and its effect leave on.
     */
    static final class LaneSink implements ReplySink {
        private final ReplySink client;
        private final EventLoop loop;
        private final int lane;

        LaneSink(ReplySink client, EventLoop loop, int lane) {
            this.client = client;
            this.loop = loop;
            this.lane = lane;
        }

        @Override
        public void reply(ByteBuf reply) {
            client.reply(reply);
        }

        @Override
        public void error(String message) {
            client.error(message);
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        @Override
        public int connectionId() {
            return lane;
        }

        @Override
        public boolean abandoned() {
            return client.abandoned();
        }

        @Override
        public ConsistencyLevel readConsistency() {
            return client.readConsistency();
        }

        @Override
        public ConsistencyLevel writeConsistency() {
            return client.writeConsistency();
        }
    }
}
