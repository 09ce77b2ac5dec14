package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.ChildSink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/**
 * One request sent to several replicas: answers the client as soon as the consistency level is met
 * (or can no longer be), and lets the remaining replicas finish in the background. Replicas
 * {@code 0..localCount-1} are the local datacenter's racks; the rest are remote datacenters, which
 * count only for DC_EACH_SAFE_QUORUM.
 *
 * <p>Two replicas have roles. The <em>preferred</em> one's reply is the client's answer whenever it
 * has one (a read's local rack; a write's primary, whose reply is the command's true result). DC_ONE
 * answers once the <em>awaited</em> one has answered (a read's local rack; for a write, the rack of
 * the node the client talks to, so that its next reads there see the write); a write at a quorum level
 * waits for the awaited rack's answer too (a reply or a failure), for the same reason: a majority without
 * the writer's rack would let the client's next read there miss its own write. When the replicas were
 * sent a rewritten effect rather than the command ({@code sameForm} false: SPOP replayed as SREM), their
 * replies cannot be compared with the preferred one's, and any successful reply counts as agreeing.
 *
 * <p>All state changes run on the client sink's event loop; replica answers are marshalled there.
 * Failed replicas are counted in {@code router.replication_failed}, never logged one by one.
 */
final class QuorumCall {

    private final ReplySink client;
    private final ConsistencyLevel level;
    private final int localCount;
    private final int preferred;
    private final int awaited;
    private final boolean sameForm;
    private final int needed;
    private final List<ClusterNode> replicas;
    private final RouterMetrics metrics;
    private final boolean waitForAll;
    private final boolean awaitWriter;
    private final Runnable background;
    private final ByteBuf[] replies;
    private final String[] errors;
    /** A read's repair, or null; its replies are kept until it settled. */
    private ReadRepair repair;
    private int done;
    private boolean answered;

    private QuorumCall(ReplySink client, ConsistencyLevel level, int localCount, int preferred, int awaited,
                       boolean sameForm, List<ClusterNode> replicas, RouterMetrics metrics, boolean waitForAll,
                       boolean awaitWriter, Runnable background) {
        this.client = client;
        this.level = localCount == 1 && replicas.size() == 1 ? ConsistencyLevel.DC_ONE : level;
        this.localCount = localCount;
        this.preferred = preferred;
        this.awaited = awaited;
        this.sameForm = sameForm;
        this.needed = localCount / 2 + 1;
        this.replicas = replicas;
        this.metrics = metrics;
        this.waitForAll = waitForAll;
        this.awaitWriter = awaitWriter;
        this.background = background;
        this.replies = new ByteBuf[replicas.size()];
        this.errors = new String[replicas.size()];
    }

    /**
     * A read sent to several racks: replica {@code localRack}'s reply is preferred and awaited. The
     * client's background accounting is taken now (call on the client's loop).
     */
    static QuorumCall read(ReplySink client, ConsistencyLevel level, int localRack, List<ClusterNode> replicas,
                           RouterMetrics metrics) {
        return read(client, level, localRack, replicas, metrics, null);
    }

    /** {@link #read}, repaired by {@code repair} (null: not) once every replica answered. */
    static QuorumCall read(ReplySink client, ConsistencyLevel level, int localRack, List<ClusterNode> replicas,
                           RouterMetrics metrics, ReadRepair repair) {
        QuorumCall call = new QuorumCall(client, level, replicas.size(), localRack, localRack, true, replicas, metrics,
                false, false, client.background());
        call.repair = repair;
        return call;
    }

    /**
     * A write its primary (replica {@code primary}, already answered with the command's result) replicates;
     * {@code background} ends once every replica has answered.
     */
    static QuorumCall write(ReplySink client, ConsistencyLevel level, int localCount, int primary, int awaited,
                            boolean sameForm, List<ClusterNode> replicas, RouterMetrics metrics, Runnable background) {
        return new QuorumCall(client, level, localCount, primary, awaited, sameForm, replicas, metrics, false,
                true, background);
    }

    /** Answers once every replica has: replica 0's reply, or the first failure. */
    static QuorumCall all(ReplySink client, List<ClusterNode> replicas, RouterMetrics metrics) {
        return new QuorumCall(client, ConsistencyLevel.DC_ONE, replicas.size(), 0, 0, true, replicas, metrics, true,
                false, null);
    }

    ReplySink replica(int index) {
        return new ReplicaSink(index);
    }

    private void onAnswer(int index, ByteBuf reply, String error) {
        replies[index] = reply;
        errors[index] = error;
        if (error != null) {
            metrics.replicationFailed.inc();
        }
        done++;
        boolean last = done == replies.length;
        if (last && background != null) {
            // Ended before the answer leaves: the client's slot frees with it (no separate DONE for a peer).
            background.run();
        }
        if (!answered) {
            decide();
        }
        if (last) {
            if (repair != null) {
                settleRepair();
            } else {
                releaseReplies();
            }
        }
    }

    /** Every replica answered: the repair compares, copies, and says which reply the client gets if it has none. */
    private void settleRepair() {
        ReadRepair r = repair;
        r.settle(replies, preferred, winner -> {
            repair = null;
            if (!answered) {
                answer(winner);
            }
            releaseReplies();
        });
    }

    private void decide() {
        if (waitForAll) {
            if (done == replies.length) {
                int failed = firstError(0, replies.length);
                if (failed < 0) {
                    answer(preferred);
                } else {
                    fail("not every node could run it: " + replicas.get(failed).name() + ": " + errors[failed]);
                }
            }
            return;
        }
        switch (level) {
            case DC_ONE -> {
                if (errors[awaited] != null || replies[awaited] != null) {
                    answer(replies[preferred] != null ? preferred : awaited);
                }
            }
            case DC_QUORUM -> decideQuorum();
            case DC_SAFE_QUORUM -> decideSafeQuorum(true);
            case DC_EACH_SAFE_QUORUM -> decideSafeQuorum(allRemoteSucceeded());
            default -> throw new IllegalStateException(level.name());
        }
    }

    private void decideQuorum() {
        int ok = 0;
        int failed = 0;
        int chosen = -1;
        for (int i = 0; i < localCount; i++) {
            if (replies[i] != null) {
                ok++;
                if (chosen < 0 || i == preferred) {
                    chosen = i;
                }
            } else if (errors[i] != null) {
                failed++;
            }
        }
        if (ok >= needed && writerSettled()) {
            if (repair != null && !repair.agree(replies)) {
                return; // the replicas differ: the repair, once all answered, says who wins
            }
            answer(replies[preferred] != null ? preferred : chosen);
        } else if (failed > localCount - needed) {
            failQuorum(failed);
        }
    }

    /** A majority of agreeing answers; {@code extraCondition} adds the remote datacenters' verdict. */
    private void decideSafeQuorum(boolean extraCondition) {
        int pending = 0;
        int best = -1;
        int bestVotes = 0;
        for (int i = 0; i < localCount; i++) {
            if (replies[i] == null) {
                pending += errors[i] == null ? 1 : 0;
                continue;
            }
            int votes = 0;
            for (int j = 0; j < localCount; j++) {
                if (replies[j] != null && agree(i, j)) {
                    votes++;
                }
            }
            if (votes > bestVotes || (votes == bestVotes && i == preferred)) {
                best = i;
                bestVotes = votes;
            }
        }
        if (bestVotes >= needed && extraCondition && writerSettled()) {
            answer(best);
        } else if (bestVotes + pending < needed) {
            if (countAnswers() >= needed) {
                metrics.disagreements.inc();
                fail(level + " not met: the replicas' answers disagree (" + countAnswers() + " of "
                        + localCount + " answered, at most " + bestVotes + " agree)");
            } else {
                failQuorum(localCount - countAnswers() - pending);
            }
        } else if (level == ConsistencyLevel.DC_EACH_SAFE_QUORUM && firstError(localCount, errors.length) >= 0) {
            int remote = firstError(localCount, errors.length);
            fail(level + " not met: a remote datacenter failed: " + replicas.get(remote).name() + ": "
                    + errors[remote]);
        }
    }

    /** For a write, whether the writer's rack has answered or failed; always true for a read. */
    private boolean writerSettled() {
        return !awaitWriter || replies[awaited] != null || errors[awaited] != null;
    }

    private boolean agree(int i, int j) {
        return i == j || !sameForm || ByteBufUtil.equals(replies[i], replies[j]);
    }

    private int firstError(int from, int to) {
        for (int i = from; i < to; i++) {
            if (errors[i] != null) {
                return i;
            }
        }
        return -1;
    }

    private int countAnswers() {
        int n = 0;
        for (int i = 0; i < localCount; i++) {
            n += replies[i] != null ? 1 : 0;
        }
        return n;
    }

    private boolean allRemoteSucceeded() {
        for (int i = localCount; i < replies.length; i++) {
            if (replies[i] == null) {
                return false;
            }
        }
        return true;
    }

    private void failQuorum(int failed) {
        int first = firstError(0, localCount);
        String firstError = first < 0 ? null : replicas.get(first).name() + ": " + errors[first];
        fail(level + " not met: " + failed + " of " + localCount + " replicas failed, " + needed
                + " answers needed (" + firstError + ")");
    }

    private void answer(int index) {
        answered = true;
        if (replies[index] != null && repair != null) {
            client.reply(replies[index].retainedDuplicate());
        } else if (replies[index] != null) {
            ByteBuf reply = replies[index];
            replies[index] = null;
            client.reply(reply);
        } else {
            client.error(errors[index]);
        }
    }

    private void fail(String message) {
        answered = true;
        metrics.quorumFailed.inc();
        client.error(message);
    }

    private void releaseReplies() {
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] != null) {
                replies[i].release();
                replies[i] = null;
            }
        }
    }

    /** One replica's answer, brought to the client's loop. */
    private final class ReplicaSink extends ChildSink {
        private final int index;

        ReplicaSink(int index) {
            super(client);
            this.index = index;
        }

        @Override
        protected void onReply(ByteBuf reply) {
            onAnswer(index, reply, null);
        }

        @Override
        protected void onError(String message) {
            onAnswer(index, null, message);
        }

        /** A replica's own work is not the client's background: the call accounts for it once. */
        @Override
        public Runnable background() {
            return () -> { };
        }
    }
}
