package io.dynoj.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a request sent to several replicas answers its client, by consistency level. */
class QuorumCallTest {

    private final EmbeddedChannel loopOwner = new EmbeddedChannel();
    private final Client client = new Client(loopOwner.eventLoop());
    private final RouterMetrics metrics = new RouterMetrics(new MetricRegistry());

    @AfterEach
    void release() {
        loopOwner.finishAndReleaseAll();
    }

    private static List<ClusterNode> replicas(int n) {
        List<ClusterNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ClusterNode("dc", "r" + i, new HostPort("127.0.0.1", 1000 + i), List.of(0L), i == 0));
        }
        return out;
    }

    /** A call whose preferred and awaited replica is 0, replies compared byte for byte. */
    private QuorumCall call(ConsistencyLevel level, int localCount, List<ClusterNode> replicas) {
        return QuorumCall.write(client, level, localCount, 0, 0, true, replicas, metrics, client.background());
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void dcOneAnswersWithTheLocalRackAndTracksTheRest() {
        QuorumCall call = call(ConsistencyLevel.DC_ONE, 3, replicas(3));
        call.replica(1).reply(text("+OK"));
        assertThat(client.answers).isEmpty();
        call.replica(0).reply(text("+OK"));
        assertThat(client.answers).containsExactly("+OK");
        assertThat(client.backgroundRunning).isEqualTo(1);
        call.replica(2).error("down");
        assertThat(client.backgroundRunning).isZero();
        assertThat(metrics.replicationFailed.getCount()).isEqualTo(1);
    }

    @Test
    void quorumNeedsAMajorityAndFailsAsSoonAsItCannotHaveOne() {
        QuorumCall ok = call(ConsistencyLevel.DC_QUORUM, 3, replicas(3));
        ok.replica(2).reply(text("a"));
        ok.replica(1).error("down");
        assertThat(client.answers).isEmpty();
        ok.replica(0).reply(text("a"));
        assertThat(client.answers).containsExactly("a");

        QuorumCall failing = call(ConsistencyLevel.DC_QUORUM, 3, replicas(3));
        failing.replica(1).error("down");
        failing.replica(2).error("down too");
        assertThat(client.answers).hasSize(2);
        assertThat(client.answers.get(1)).startsWith("ERROR DC_QUORUM not met: 2 of 3 replicas failed");
        failing.replica(0).reply(text("late"));
    }

    @Test
    void aQuorumReadDecidesOnTheLiveReplicasAsSoonAsAnUnreachableOneIsRefused() {
        // The local rack's replica cannot be reached: its link refuses the read at once, nothing waits for it.
        QuorumCall call = QuorumCall.read(client, ConsistencyLevel.DC_QUORUM, 0, replicas(3), metrics);
        call.replica(0).error("peer dc/r0/127.0.0.1:1000 is not reachable");
        call.replica(1).reply(text("v"));
        assertThat(client.answers).isEmpty();
        call.replica(2).reply(text("v"));
        assertThat(client.answers).containsExactly("v");
        assertThat(client.backgroundRunning).isZero();

        // Two refused: the quorum cannot be met, and the client hears so before the third answers.
        QuorumCall lost = QuorumCall.read(client, ConsistencyLevel.DC_QUORUM, 0, replicas(3), metrics);
        lost.replica(1).error("peer dc/r1/127.0.0.1:1001 is not reachable");
        lost.replica(2).error("peer dc/r2/127.0.0.1:1002 is not reachable");
        assertThat(client.answers).hasSize(2);
        assertThat(client.answers.get(1)).startsWith("ERROR DC_QUORUM not met: 2 of 3 replicas failed");
        lost.replica(0).reply(text("late"));
        assertThat(client.backgroundRunning).isZero();
    }

    @Test
    void safeQuorumWantsAgreement() {
        QuorumCall agree = call(ConsistencyLevel.DC_SAFE_QUORUM, 3, replicas(3));
        agree.replica(0).reply(text("1"));
        agree.replica(1).reply(text("2"));
        assertThat(client.answers).isEmpty();
        agree.replica(2).reply(text("1"));
        assertThat(client.answers).containsExactly("1");

        QuorumCall disagree = call(ConsistencyLevel.DC_SAFE_QUORUM, 3, replicas(3));
        disagree.replica(0).reply(text("1"));
        disagree.replica(1).reply(text("2"));
        disagree.replica(2).error("down");
        assertThat(client.answers.get(1)).contains("disagree");
        assertThat(metrics.disagreements.getCount()).isEqualTo(1);
    }

    @Test
    void eachSafeQuorumWaitsForTheRemoteDatacenters() {
        QuorumCall call = call(ConsistencyLevel.DC_EACH_SAFE_QUORUM, 2, replicas(3));
        call.replica(0).reply(text("+OK"));
        call.replica(1).reply(text("+OK"));
        assertThat(client.answers).as("local safe quorum met, remote pending").isEmpty();
        call.replica(2).reply(text("+OK"));
        assertThat(client.answers).containsExactly("+OK");
    }

    @Test
    void aWriteAnswersWithItsPrimarysResultOnceTheAwaitedRackHasIt() {
        // Primary in rack 1 popped "a"; the client's rack is 2; the replicas got SREM, answering :1.
        QuorumCall call = QuorumCall.write(client, ConsistencyLevel.DC_ONE, 3, 1, 2, false, replicas(3), metrics,
                client.background());
        call.replica(1).reply(text("$1 a"));
        call.replica(0).reply(text(":1"));
        assertThat(client.answers).as("the client's own rack has not applied it yet").isEmpty();
        call.replica(2).reply(text(":1"));
        assertThat(client.answers).containsExactly("$1 a");
        assertThat(client.backgroundRunning).isZero();
    }

    @Test
    void aQuorumWriteWaitsForTheWritersRackTooSoItsNextReadThereSeesIt() {
        for (ConsistencyLevel level : List.of(ConsistencyLevel.DC_QUORUM, ConsistencyLevel.DC_SAFE_QUORUM)) {
            client.answers.clear();
            // Primary in rack 1; the client writes through rack 2; rack 0 answers first: a majority without it.
            QuorumCall call = QuorumCall.write(client, level, 3, 1, 2, true, replicas(3), metrics, client.background());
            call.replica(1).reply(text("+OK"));
            call.replica(0).reply(text("+OK"));
            assertThat(client.answers).as("%s: a majority, but not yet the writer's rack", level).isEmpty();
            call.replica(2).reply(text("+OK"));
            assertThat(client.answers).as(level.name()).containsExactly("+OK");
        }
    }

    @Test
    void aQuorumWriteWhoseWritersRackFailedIsAnsweredByTheMajority() {
        QuorumCall call = QuorumCall.write(client, ConsistencyLevel.DC_QUORUM, 3, 1, 2, true, replicas(3), metrics,
                client.background());
        call.replica(1).reply(text("+OK"));
        call.replica(2).error("down");
        assertThat(client.answers).isEmpty();
        call.replica(0).reply(text("+OK"));
        assertThat(client.answers).containsExactly("+OK");
    }

    @Test
    void aQuorumReadDoesNotWaitForItsOwnRackOnceAMajorityAgrees() {
        QuorumCall call = QuorumCall.read(client, ConsistencyLevel.DC_SAFE_QUORUM, 2, replicas(3), metrics);
        call.replica(0).reply(text("$1 v"));
        call.replica(1).reply(text("$1 v"));
        assertThat(client.answers).containsExactly("$1 v");
        call.replica(2).reply(text("$1 v"));
    }

    @Test
    void aRewrittenEffectCountsEverySuccessAsAgreement() {
        QuorumCall call = QuorumCall.write(client, ConsistencyLevel.DC_SAFE_QUORUM, 3, 0, 0, false, replicas(3),
                metrics, client.background());
        call.replica(0).reply(text("*2 a b"));
        call.replica(2).reply(text(":2"));
        assertThat(client.answers).containsExactly("*2 a b");
        assertThat(client.backgroundRunning).as("replica 1 still owes its answer").isEqualTo(1);
        call.replica(1).error("down");
        assertThat(client.backgroundRunning).isZero();
        assertThat(metrics.replicationFailed.getCount()).isEqualTo(1);
    }

    /** Records what the client would be sent. */
    private static final class Client implements ReplySink {
        final List<String> answers = new ArrayList<>();
        final EventLoop loop;
        int backgroundRunning;

        Client(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void reply(ByteBuf reply) {
            answers.add(reply.toString(StandardCharsets.UTF_8));
            reply.release();
        }

        @Override
        public void error(String message) {
            answers.add("ERROR " + message);
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        @Override
        public int connectionId() {
            return 1;
        }

        @Override
        public Runnable background() {
            backgroundRunning++;
            return () -> backgroundRunning--;
        }
    }
}
