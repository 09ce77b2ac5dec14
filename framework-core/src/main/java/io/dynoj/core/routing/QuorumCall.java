package io.dynoj.core.routing;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.spi.LoopReplySink;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request sent to several replicas: answers the client as soon as the consistency level is met
 * (or can no longer be), and lets the remaining replicas finish in the background. Replicas
 * {@code 0..localCount-1} are the local datacenter's racks (replica {@code primary} is the local
 * rack's); the rest are remote datacenters, which count only for DC_EACH_SAFE_QUORUM.
 *
 * <p>All state changes run on the client's event loop; replica answers are marshalled there.
 */
final class QuorumCall {

    private static final Logger log = LoggerFactory.getLogger(QuorumCall.class);

    private final ReplySink client;
    private final ConsistencyLevel level;
    private final int localCount;
    private final int primary;
    private final int needed;
    private final List<ClusterNode> replicas;
    private final RouterMetrics metrics;
    private final boolean waitForAll;
    private final ByteBuf[] replies;
    private final String[] errors;
    private int done;
    private boolean answered;
    private Runnable backgroundDone;

    QuorumCall(ReplySink client, ConsistencyLevel level, int localCount, int primary, List<ClusterNode> replicas,
               RouterMetrics metrics) {
        this(client, level, localCount, primary, replicas, metrics, false);
    }

    /** Answers once every replica has: replica 0's reply, or the first failure. */
    static QuorumCall all(ReplySink client, List<ClusterNode> replicas, RouterMetrics metrics) {
        return new QuorumCall(client, ConsistencyLevel.DC_ONE, replicas.size(), 0, replicas, metrics, true);
    }

    private QuorumCall(ReplySink client, ConsistencyLevel level, int localCount, int primary,
                       List<ClusterNode> replicas, RouterMetrics metrics, boolean waitForAll) {
        this.waitForAll = waitForAll;
        this.client = client;
        this.level = localCount == 1 && replicas.size() == 1 ? ConsistencyLevel.DC_ONE : level;
        this.localCount = localCount;
        this.primary = primary;
        this.needed = localCount / 2 + 1;
        this.replicas = replicas;
        this.metrics = metrics;
        this.replies = new ByteBuf[replicas.size()];
        this.errors = new String[replicas.size()];
    }

    ReplySink replica(int index) {
        return new ReplicaSink(index);
    }

    private void onAnswer(int index, ByteBuf reply, String error) {
        replies[index] = reply;
        errors[index] = error;
        done++;
        if (!answered) {
            decide();
        }
        if (done == replies.length) {
            finish();
        }
    }

    private void decide() {
        if (waitForAll) {
            if (done == replies.length) {
                int failed = firstError();
                answerAll(failed);
            }
            return;
        }
        switch (level) {
            case DC_ONE -> {
                if (errors[primary] != null || replies[primary] != null) {
                    answer(primary);
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
                if (chosen < 0 || i == primary) {
                    chosen = i;
                }
            } else if (errors[i] != null) {
                failed++;
            }
        }
        if (ok >= needed) {
            answer(chosen);
        } else if (failed > localCount - needed) {
            failQuorum(failed);
        }
    }

    /** A majority of byte-identical answers; {@code extraCondition} adds the remote datacenters' verdict. */
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
                if (replies[j] != null && ByteBufUtil.equals(replies[i], replies[j])) {
                    votes++;
                }
            }
            if (votes > bestVotes || (votes == bestVotes && i == primary)) {
                best = i;
                bestVotes = votes;
            }
        }
        if (bestVotes >= needed && extraCondition) {
            answer(best);
        } else if (bestVotes + pending < needed) {
            boolean sawDisagreement = countAnswers() >= needed;
            if (sawDisagreement) {
                metrics.disagreements.inc();
                fail(level + " not met: the replicas' answers disagree (" + countAnswers() + " of "
                        + localCount + " answered, at most " + bestVotes + " agree)");
            } else {
                failQuorum(localCount - countAnswers() - pending);
            }
        } else if (level == ConsistencyLevel.DC_EACH_SAFE_QUORUM && remoteFailed()) {
            fail(level + " not met: a remote datacenter failed: " + firstRemoteError());
        }
    }

    private int firstError() {
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] != null) {
                return i;
            }
        }
        return -1;
    }

    private void answerAll(int failed) {
        if (failed < 0) {
            answer(primary);
        } else {
            fail("not every node could run it: " + replicas.get(failed).name() + ": " + errors[failed]);
        }
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

    private boolean remoteFailed() {
        return firstRemoteError() != null;
    }

    private String firstRemoteError() {
        for (int i = localCount; i < errors.length; i++) {
            if (errors[i] != null) {
                return replicas.get(i).name() + ": " + errors[i];
            }
        }
        return null;
    }

    private void failQuorum(int failed) {
        String firstError = null;
        for (int i = 0; i < localCount && firstError == null; i++) {
            firstError = errors[i] == null ? null : replicas.get(i).name() + ": " + errors[i];
        }
        fail(level + " not met: " + failed + " of " + localCount + " replicas failed, " + needed
                + " answers needed (" + firstError + ")");
    }

    private void answer(int index) {
        answered = true;
        if (done < replies.length) {
            backgroundDone = client.background();
        }
        if (replies[index] != null) {
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
        if (done < replies.length) {
            backgroundDone = client.background();
        }
        client.error(message);
    }

    private void finish() {
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] != null) {
                replies[i].release();
                replies[i] = null;
            }
            if (errors[i] != null) {
                metrics.replicationFailed.inc();
                log.warn("replica {} failed: {}", replicas.get(i).name(), errors[i]);
            }
        }
        if (backgroundDone != null) {
            backgroundDone.run();
        }
    }

    /** One replica's answer, brought to the client's loop. */
    private final class ReplicaSink extends LoopReplySink {
        private final int index;

        ReplicaSink(int index) {
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
