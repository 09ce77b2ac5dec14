package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.BlockingRequest;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * A blocking request (BLPOP...) whose key's primary is another node, waited for in slices: the primary gets
 * the request with a timeout of at most {@link #SLICE_MILLIS} ({@link BlockingRequest#withTimeout}), well under
 * the peer timeout, and when a slice ends with nothing taken the next one is sent, until the client's own
 * timeout. A push between two slices is taken by the next slice's first attempt. On the client's event loop.
 */
final class BlockingCall extends LoopReplySink {

    /** The longest one slice waits at the primary: a peer request must be answered within dyn_read_timeout. */
    static final long SLICE_MILLIS = 2000;

    private final Replicator replicator;
    private final ClusterNode primary;
    private final BlockingRequest blocking;
    private final ReplySink client;
    private final ConsistencyLevel level;
    private final int originRack;
    /** {@link System#nanoTime()} when the client's timeout passes; 0 for no limit. */
    private final long deadline;

    private BlockingCall(Replicator replicator, ClusterNode primary, BlockingRequest blocking, ReplySink client,
                         ConsistencyLevel level, int originRack) {
        this.replicator = replicator;
        this.primary = primary;
        this.blocking = blocking;
        this.client = client;
        this.level = level;
        this.originRack = originRack;
        long timeout = blocking.timeoutMillis();
        this.deadline = timeout == 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
    }

    /** Sends the first slice of {@code blocking} to {@code primary}; the client gets one answer. */
    static void start(Replicator replicator, ClusterNode primary, BlockingRequest blocking, ReplySink client,
                      ConsistencyLevel level, int originRack) {
        long timeout = blocking.timeoutMillis();
        new BlockingCall(replicator, primary, blocking, client, level, originRack)
                .send(timeout == 0 ? SLICE_MILLIS : Math.min(SLICE_MILLIS, timeout));
    }

    private void send(long sliceMillis) {
        replicator.metrics.forwarded.inc();
        replicator.peers.send(primary, blocking.withTimeout(sliceMillis, replicator.alloc), PeerMessage.MODE_PRIMARY,
                level, originRack, this, null);
    }

    @Override
    protected void onReply(ByteBuf reply) {
        long left = deadline == 0 ? SLICE_MILLIS : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (blocking.isTimedOut(reply) && left > 0 && !client.abandoned()) {
            reply.release();
            send(Math.min(SLICE_MILLIS, left));
            return;
        }
        client.reply(reply);
    }

    @Override
    protected void onError(String message) {
        client.error(message);
    }

    @Override
    public EventLoop eventLoop() {
        return client.eventLoop();
    }

    @Override
    public int connectionId() {
        return client.connectionId();
    }
}
