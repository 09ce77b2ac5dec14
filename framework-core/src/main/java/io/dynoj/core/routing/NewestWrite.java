package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.KeyCopy;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Which of a read's replicas holds the newest write of its key, on datastores that keep write times
 * ({@link io.dynoj.core.spi.Datastore#keepsWriteTimes()}): each replica that answered the read is asked for the
 * key's write time ({@link KeyCopy#writeTimeRead}), and the one with the largest wins, whatever the majority
 * holds. Asked only when the replicas' answers differ, so it costs the healthy path nothing.
 *
 * <p>Confined to the client's event loop: the answers are brought back to it.
 */
final class NewestWrite {

    private final Replicator replicator;
    private final ReplySink client;
    private final long[] times;
    private int left;
    private IntConsumer done;

    private NewestWrite(Replicator replicator, ReplySink client, int replicas) {
        this.replicator = replicator;
        this.client = client;
        this.times = new long[replicas];
    }

    /**
     * Asks the replicas {@code asked[i]} for the write time of {@code key} (a slice, not retained), then calls
     * {@code done} on the client's loop with the index of the newest, or -1 when no replica gave one (a datastore
     * without write times, errors, all 0). Returns false, asking nothing, when the protocol has no such read.
     */
    static boolean ask(Replicator replicator, ReplySink client, ByteBuf key, List<ClusterNode> replicas,
                       boolean[] asked, IntConsumer done) {
        KeyCopy copy = replicator.protocol.keyCopy();
        Request probe = copy == null ? null : copy.writeTimeRead(key, replicator.alloc);
        if (probe == null) {
            return false;
        }
        NewestWrite w = new NewestWrite(replicator, client, asked.length);
        w.done = done;
        for (boolean a : asked) {
            w.left += a ? 1 : 0;
        }
        java.util.Arrays.fill(w.times, -1);
        for (int i = 0; i < asked.length; i++) {
            if (asked[i]) {
                replicator.send(replicas.get(i), probe.retainedDuplicate(), PeerMessage.MODE_LOCAL,
                        ConsistencyLevel.DC_ONE, -1, w.new Answer(i, copy), null);
            }
        }
        probe.release();
        return true;
    }

    private void answered() {
        if (--left > 0) {
            return;
        }
        int newest = -1;
        for (int i = 0; i < times.length; i++) {
            if (times[i] > 0 && (newest < 0 || times[i] > times[newest])) {
                newest = i;
            }
        }
        done.accept(newest);
    }

    /** One replica's write time. */
    private final class Answer extends LoopReplySink {
        private final int index;
        private final KeyCopy copy;

        Answer(int index, KeyCopy copy) {
            this.index = index;
            this.copy = copy;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            try {
                times[index] = copy.writeTimeOf(reply);
            } finally {
                reply.release();
            }
            answered();
        }

        @Override
        protected void onError(String message) {
            answered();
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
}
