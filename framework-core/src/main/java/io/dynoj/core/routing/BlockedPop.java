package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One blocking request (BLPOP...) its key's primary serves on the key's lane ({@link BlockedPops}): its
 * non-blocking attempt runs as an ordinary {@link PrimaryWrite}, so what it takes is replicated in the lane's
 * order; when the attempt takes nothing, the request stays parked until a write to its key wakes it (another
 * attempt) or its timeout passes. At most one attempt is in flight; a wake-up meanwhile makes it attempt again
 * at once when that one took nothing, so a write the attempt ran before is never missed.
 *
 * <p>Everything runs on the lane's event loop; it is the sink of its own attempts.
 */
final class BlockedPop extends LoopReplySink {

    private final BlockedPops pops;
    private final Replicator replicator;
    private final Topology topology;
    private final long hash;
    private final ConsistencyLevel level;
    private final int awaitedRack;
    private final boolean toOtherDcs;
    private final BlockingRequest blocking;
    private final ReplySink client;
    private final EventLoop lane;
    private final int laneId;
    private final LateEffects late;
    private ScheduledFuture<?> timer;
    private boolean inFlight;
    private boolean woken;
    private boolean timedOut;
    private boolean done;

    BlockedPop(BlockedPops pops, Replicator replicator, Topology topology, long hash, ConsistencyLevel level,
               int awaitedRack, boolean toOtherDcs, BlockingRequest blocking, ReplySink client, EventLoop lane,
               int laneId, LateEffects late) {
        this.pops = pops;
        this.replicator = replicator;
        this.topology = topology;
        this.hash = hash;
        this.level = level;
        this.awaitedRack = awaitedRack;
        this.toOtherDcs = toOtherDcs;
        this.blocking = blocking;
        this.client = client;
        this.lane = lane;
        this.laneId = laneId;
        this.late = late;
    }

    /** On the lane: the first attempt, and the timeout's timer. */
    void start() {
        long timeout = blocking.timeoutMillis();
        if (timeout > 0) {
            timer = lane.schedule(this::expire, timeout, TimeUnit.MILLISECONDS);
        }
        attempt();
    }

    long hash() {
        return hash;
    }

    /** A write to the key ran on the lane: attempt again (after the one in flight, if any). */
    void wake() {
        if (done) {
            return;
        }
        if (inFlight) {
            woken = true;
        } else {
            attempt();
        }
    }

    private void attempt() {
        if (client.abandoned()) {
            // The client left: take nothing for it.
            done = true;
            cancelTimer();
            pops.remove(laneId, this);
            client.error("the client left");
            return;
        }
        inFlight = true;
        new PrimaryWrite(replicator, topology, blocking.attempt(replicator.alloc), hash, level, awaitedRack, toOtherDcs,
                this, () -> { }, late).start();
    }

    private void expire() {
        timedOut = true;
        if (!inFlight && !done) {
            finish(blocking.timedOut(replicator.alloc));
        }
    }

    @Override
    protected void onReply(ByteBuf reply) {
        inFlight = false;
        ByteBuf answer = blocking.answer(reply, replicator.alloc);
        if (answer != null) {
            finish(answer);
            // What it took may have been moved into a key other requests wait for (BLMOVE).
            pops.written(laneId, hash);
        } else if (timedOut) {
            finish(blocking.timedOut(replicator.alloc));
        } else if (woken) {
            woken = false;
            attempt();
        }
    }

    @Override
    protected void onError(String message) {
        inFlight = false;
        done = true;
        cancelTimer();
        pops.remove(laneId, this);
        client.error(message);
    }

    private void finish(ByteBuf answer) {
        done = true;
        cancelTimer();
        pops.remove(laneId, this);
        client.reply(answer);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public EventLoop eventLoop() {
        return lane;
    }

    @Override
    public int connectionId() {
        return laneId;
    }
}
