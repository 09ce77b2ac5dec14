package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.KeyCopy;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key copied whole from this node's datastore to a replica, on the key's lane ({@link PrimaryWrites}): the
 * reads ({@link KeyCopy#read}) go to the datastore on the lane's connection, behind every write of the key
 * submitted before, and the resulting write leaves on the lane's peer connection, behind their effects; while
 * it is under way the key's later writes send their effects late ({@link LateEffects}), so none overtakes it.
 * The replica ends up with exactly the value the key had here at that point, whatever it had missed.
 *
 * <p>Confined to the lane's event loop.
 */
final class KeyRepair {

    private static final Logger log = LoggerFactory.getLogger(KeyRepair.class);

    private final Replicator replicator;
    private final EventLoop lane;
    private final int laneId;
    private final LateEffects late;
    private final byte[] key;
    private final long hash;
    private final ClusterNode target;
    private final Consumer<Boolean> done;
    private final boolean awaitApplied;
    private ByteBuf[] replies;
    /** Whether the last read asks the key's write time ({@link KeyCopy#writeTimeRead}). */
    private boolean timed;
    private int answered;
    private boolean failed;
    /** {@code done} was told already (the copy was kept as a hint, or nobody waits for its answer). */
    private boolean copyDone;
    /** While the copy is handed over: an answer now is the hand-over's own (kept as a hint, or no link). */
    private boolean sending;
    private boolean failedAtOnce;

    KeyRepair(Replicator replicator, EventLoop lane, int laneId, LateEffects late, byte[] key, long hash,
              ClusterNode target, boolean awaitApplied, Consumer<Boolean> done) {
        this.replicator = replicator;
        this.lane = lane;
        this.laneId = laneId;
        this.late = late;
        this.key = key;
        this.hash = hash;
        this.target = target;
        this.done = done;
        this.awaitApplied = awaitApplied;
    }

    void start() {
        KeyCopy copy = replicator.protocol.keyCopy();
        if (copy == null) {
            done.accept(false);
            return;
        }
        List<Request> reads = copy.read(Unpooled.wrappedBuffer(key), replicator.alloc);
        Request timeRead = replicator.datastore.keepsWriteTimes()
                ? copy.writeTimeRead(Unpooled.wrappedBuffer(key), replicator.alloc) : null;
        if (timeRead != null) {
            // Last: the copy carries the key's write time, so the target keeps it and a newer write there wins.
            reads = new ArrayList<>(reads);
            reads.add(timeRead);
            timed = true;
        }
        replies = new ByteBuf[reads.size()];
        late.begin(hash);
        for (int i = 0; i < reads.size(); i++) {
            replicator.datastore.execute(reads.get(i), new Read(i));
        }
    }

    private void answered(int index, ByteBuf reply) {
        if (reply == null) {
            failed = true;
        } else {
            replies[index] = reply;
        }
        if (++answered == replies.length) {
            finish();
        }
    }

    private void finish() {
        Request write = null;
        try {
            if (!failed) {
                KeyCopy copy = replicator.protocol.keyCopy();
                int n = timed ? replies.length - 1 : replies.length;
                write = copy.write(Unpooled.wrappedBuffer(key), List.of(replies).subList(0, n),
                        System.currentTimeMillis(), replicator.alloc);
                long writeTime = timed ? copy.writeTimeOf(replies[n]) : 0;
                if (write != null && writeTime > 0) {
                    write.writeTime(writeTime, true);
                }
            }
        } catch (RuntimeException e) {
            log.warn("a key copy to {} could not be built: {}", target.name(), e.toString());
        } finally {
            for (ByteBuf reply : replies) {
                if (reply != null) {
                    reply.release();
                }
            }
        }
        // Not fate-watched: a copy that gets no answer fails here and its caller tries again (backing off), rather
        // than queueing another copy of the same key each time.
        sending = true;
        boolean hinted = write != null && replicator.replicate(target, write, PeerMessage.MODE_LOCAL,
                ConsistencyLevel.DC_ONE, new Sent(), false);
        sending = false;
        late.end(hash);
        if (write == null || hinted || !awaitApplied || failedAtOnce) {
            copyDone = true;
            done.accept(write != null && (hinted || !failedAtOnce));
        }
    }

    /** An answer handled on the lane, for requests that leave on the lane's connections. */
    private abstract class OnLane extends LoopReplySink {
        @Override
        public EventLoop eventLoop() {
            return lane;
        }

        @Override
        public int connectionId() {
            return laneId;
        }
    }

    /** One read's answer. */
    private final class Read extends OnLane {
        private final int index;

        Read(int index) {
            this.index = index;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            answered(index, reply);
        }

        @Override
        protected void onError(String message) {
            answered(index, null);
        }
    }

    /**
     * The copy's own answer, told to {@code done} when it waits for it (read repair); a failure was kept as a
     * hint, or its key marked again, by {@link Replicator#replicate}.
     */
    private final class Sent extends OnLane {
        @Override
        protected void onReply(ByteBuf reply) {
            reply.release();
            if (!copyDone) {
                done.accept(true);
            }
        }

        @Override
        protected void onError(String message) {
            if (sending) {
                failedAtOnce = true;
            } else if (!copyDone) {
                done.accept(false);
            }
        }
    }
}
