package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Rack;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read repair of one read several racks answered ({@link QuorumCall}): once every replica answered, their
 * replies are compared ({@code ProtocolAdapter.sameAnswer}); when they differ, on a datastore that keeps write
 * times the replica holding the newest write of the key wins ({@link NewestWrite}); elsewhere the value most
 * racks agree on wins (with no majority, the local rack's, counted in {@code router.read_repair_conflicts} and
 * logged with the key). The key is copied whole to each replica that answered otherwise. The copy is made by the
 * key's primary when it holds the winning value, on the key's lane ({@link PrimaryWrites#repair}), so it
 * cannot overwrite a write ordered after it; else by a replica that holds it. In blocking mode the client
 * gets the winning value once the copies were applied, so its next read at any rack sees it.
 *
 * <p>Confined to the client's event loop, except the copies' answers, which are brought back to it.
 */
final class ReadRepair {

    private static final Logger log = LoggerFactory.getLogger(ReadRepair.class);
    private static final long CONFLICT_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final AtomicLong lastConflictLog = new AtomicLong(System.nanoTime() - CONFLICT_LOG_INTERVAL_NANOS);
    private static final AtomicLong conflictsSinceLog = new AtomicLong();

    private final Replicator replicator;
    private final PrimaryWrites primaries;
    private final Topology topology;
    private final long hash;
    private final List<ClusterNode> replicas;
    private final Request read;
    private final boolean blocking;
    private final ReplySink client;
    private int copiesLeft;

    ReadRepair(Replicator replicator, PrimaryWrites primaries, Topology topology, long hash,
               List<ClusterNode> replicas, Request read, boolean blocking, ReplySink client) {
        this.replicator = replicator;
        this.primaries = primaries;
        this.topology = topology;
        this.hash = hash;
        this.replicas = replicas;
        this.read = read.retainedDuplicate();
        this.blocking = blocking;
        this.client = client;
    }

    /** Whether the answered replies (non-null ones) all say the same. */
    boolean agree(ByteBuf[] replies) {
        int first = -1;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] != null) {
                if (first < 0) {
                    first = i;
                } else if (!replicator.protocol.sameAnswer(read, replies[first], replies[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Every replica answered ({@code replies[i]} null for the failed ones; not owned here): chooses the winner,
     * copies it where it is missing, and calls {@code answer} with the winner's index, on the client's loop,
     * once the copies were applied in blocking mode, else at once.
     */
    void settle(ByteBuf[] replies, int preferred, IntConsumer answer) {
        int[] votes = new int[replies.length];
        int[] group = new int[replies.length];
        int winner = -1;
        for (int i = 0; i < replies.length; i++) {
            group[i] = -1;
            if (replies[i] == null) {
                continue;
            }
            group[i] = i;
            for (int j = 0; j < i; j++) {
                if (replies[j] != null && group[j] == j && replicator.protocol.sameAnswer(read, replies[i], replies[j])) {
                    group[i] = j;
                    break;
                }
            }
            votes[group[i]]++;
            if (winner < 0 || votes[group[i]] > votes[winner]) {
                winner = group[i];
            }
        }
        if (winner < 0 || votes[winner] == count(replies)) {
            done(answer, winner < 0 ? preferred : winner);
            return;
        }
        if (replicator.datastore.keepsWriteTimes()) {
            boolean[] asked = new boolean[replies.length];
            for (int i = 0; i < replies.length; i++) {
                asked[i] = replies[i] != null;
            }
            int majority = winner;
            if (NewestWrite.ask(replicator, client, read.key(0), replicas, asked, newest -> {
                if (newest >= 0) {
                    copy(replies, group, group[newest], answer);
                } else {
                    byMajority(replies, group, votes, majority, preferred, answer);
                }
            })) {
                return;
            }
        }
        byMajority(replies, group, votes, winner, preferred, answer);
    }

    /** Without write times: the value most racks hold wins; with no majority the local rack's (a conflict). */
    private void byMajority(ByteBuf[] replies, int[] group, int[] votes, int winner, int preferred, IntConsumer answer) {
        if (votes[winner] < replies.length / 2 + 1) {
            winner = replies[preferred] != null ? group[preferred] : winner;
            conflict();
        }
        copy(replies, group, winner, answer);
    }

    private void copy(ByteBuf[] replies, int[] group, int winner, IntConsumer answer) {
        List<Rack> racks = topology.localDcRacks();
        int primary = replicator.primaryRack(racks, hash);
        int source = replies[primary] != null && group[primary] == winner ? primary : winner;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] != null && group[i] != winner) {
                copiesLeft++;
            }
        }
        int chosen = winner;
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] != null && group[i] != winner) {
                replicator.metrics.readRepairs.inc();
                copy(replicas.get(source), i, ok -> copied(ok, answer, chosen));
            }
        }
        if (!blocking) {
            answer.accept(winner);
        }
    }

    /** Copies the key from {@code source} to the local datacenter's rack {@code rack}; {@code done} on any thread. */
    private void copy(ClusterNode source, int rack, java.util.function.Consumer<Boolean> done) {
        if (source.local()) {
            byte[] key = ByteBufUtil.getBytes(read.key(0));
            primaries.repair(key, hash, replicas.get(rack), true, done);
        } else {
            replicator.peers.send(source, read.retainedDuplicate(), PeerMessage.MODE_KEY_COPY, ConsistencyLevel.DC_ONE,
                    rack, new CopySink(done), null);
        }
    }

    private void copied(boolean ok, IntConsumer answer, int winner) {
        EventLoop loop = client.eventLoop();
        if (!loop.inEventLoop()) {
            loop.execute(() -> copied(ok, answer, winner));
            return;
        }
        if (!ok) {
            replicator.metrics.readRepairFailed.inc();
        }
        if (--copiesLeft == 0) {
            read.release();
            if (blocking) {
                answer.accept(winner);
            }
        }
    }

    private void done(IntConsumer answer, int index) {
        read.release();
        answer.accept(index);
    }

    private static int count(ByteBuf[] replies) {
        int n = 0;
        for (ByteBuf r : replies) {
            n += r != null ? 1 : 0;
        }
        return n;
    }

    /** No majority: counted always, logged at most once per 10 s with the key and how many since. */
    private void conflict() {
        replicator.metrics.readRepairConflicts.inc();
        long count = conflictsSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastConflictLog.get();
        if (now - last >= CONFLICT_LOG_INTERVAL_NANOS && lastConflictLog.compareAndSet(last, now)) {
            conflictsSinceLog.addAndGet(-count);
            log.warn("read repair: the racks' replicas of key '{}' disagree with no majority; the local rack's value "
                    + "wins ({} such keys since the last report)", printable(read.key(0)), count);
        }
    }

    private static String printable(ByteBuf key) {
        String s = key.toString(key.readerIndex(), Math.min(key.readableBytes(), 200), StandardCharsets.UTF_8);
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** A copy's answer from the node that made it. */
    private final class CopySink extends LoopReplySink {
        private final java.util.function.Consumer<Boolean> done;

        CopySink(java.util.function.Consumer<Boolean> done) {
            this.done = done;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            reply.release();
            done.accept(true);
        }

        @Override
        protected void onError(String message) {
            done.accept(false);
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
