package io.dynoj.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.peer.PeerMessage;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.RackQuery;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link RackCall} over a rack of three nodes (node 0 is this one), with fake peers and a fake query. */
class RackCallTest {

    private final EmbeddedChannel loopOwner = new EmbeddedChannel();
    private final List<String> answers = new ArrayList<>();
    private final List<Integer> asked = new ArrayList<>();
    private Set<Integer> down = Set.of();
    private final List<ClusterNode> nodes = List.of(node(0, true), node(1, false), node(2, false));
    private final Replicator replicator = new Replicator(new Local(), new FakePeers(), new LineProtocolAdapter(),
            new RouterMetrics(new MetricRegistry()));

    @AfterEach
    void release() {
        loopOwner.finishAndReleaseAll();
    }

    private static ClusterNode node(int i, boolean local) {
        return new ClusterNode("dc1", "r1", new HostPort("127.0.0.1", 2000 + i), List.of(1000L * (i + 1)), local);
    }

    @Test
    void everyNodeAtOnceIsAskedOnceAndTheRepliesMerged() {
        Query q = new Query(RackQuery.ALL);
        RackCall.run(q, nodes, replicator, new Client());
        assertThat(asked).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(answers).containsExactly("0+1+2");
        assertThat(q.closed).isEqualTo(1);
    }

    @Test
    void aNodeThatCannotAnswerFailsTheRequestNamingIt() {
        down = Set.of(2);
        Query q = new Query(RackQuery.ALL);
        RackCall.run(q, nodes, replicator, new Client());
        assertThat(answers).containsExactly("ERROR node dc1/r1/127.0.0.1:2002 could not answer: no link");
        assertThat(q.closed).isEqualTo(1);
    }

    @Test
    void aWalkAsksTheNodesTheQueryNamesUntilItIsDone() {
        Query q = new Query(1);
        RackCall.run(q, nodes, replicator, new Client());
        assertThat(asked).containsExactly(1, 2);
        assertThat(answers).containsExactly("1+2");
        assertThat(q.closed).isEqualTo(1);
    }

    @Test
    void aWalkStopsAtTheFirstNodeThatCannotAnswer() {
        down = Set.of(1);
        Query q = new Query(1);
        RackCall.run(q, nodes, replicator, new Client());
        assertThat(asked).containsExactly(1);
        assertThat(answers).containsExactly("ERROR node dc1/r1/127.0.0.1:2001 could not answer: no link");
        assertThat(q.closed).isEqualTo(1);
    }

    @Test
    void aWalkThatCanDoWithoutANodeGoesOnToTheNodeTheQueryNames() {
        down = Set.of(1);
        Query q = new Query(1, true);
        RackCall.run(q, nodes, replicator, new Client());
        assertThat(asked).containsExactly(1, 2);
        assertThat(answers).containsExactly("2");
        assertThat(q.closed).isEqualTo(1);
    }

    @Test
    void aQueryThatCannotStartIsRefusedWithoutAskingAnyone() {
        Query q = new Query(-100);
        RackCall.run(q, nodes, replicator, new Client());
        assertThat(asked).isEmpty();
        assertThat(answers).containsExactly("ERROR invalid cursor");
        assertThat(q.closed).isEqualTo(1);
    }

    /** Replies are node numbers; a walk goes on to the next node up to the last; the answer joins them. */
    private static final class Query implements RackQuery {
        private final int first;
        private final boolean skips;
        private final List<String> got = new ArrayList<>();
        int closed;

        Query(int first) {
            this(first, false);
        }

        Query(int first, boolean skips) {
            this.first = first;
            this.skips = skips;
        }

        @Override
        public int unanswered(int node) {
            return !skips ? FAIL : node + 1 < 3 ? node + 1 : DONE;
        }

        @Override
        public int start(int count) {
            if (first == -100) {
                throw new IllegalArgumentException("invalid cursor");
            }
            return first;
        }

        @Override
        public Request request(int node) {
            return new LineProtocolAdapter().decodeFrame(Unpooled.copiedBuffer("DBSIZE " + node + "\n",
                    StandardCharsets.US_ASCII));
        }

        @Override
        public int reply(int node, ByteBuf reply) {
            got.add(reply.toString(StandardCharsets.US_ASCII));
            reply.release();
            got.sort(null);
            return node + 1 < 3 ? node + 1 : DONE;
        }

        @Override
        public ByteBuf answer(ByteBufAllocator alloc) {
            return Unpooled.copiedBuffer(String.join("+", got), StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            closed++;
        }
    }

    private int numberOf(Request request) {
        String text = request.frame().toString(StandardCharsets.US_ASCII).strip();
        request.release();
        return Integer.parseInt(text.substring(text.indexOf(' ') + 1));
    }

    private final class FakePeers implements Peers {
        @Override
        public boolean reachable(ClusterNode peer) {
            return true;
        }

        @Override
        public void send(ClusterNode peer, Request request, byte mode, ConsistencyLevel level, int originRack,
                         ReplySink sink, Runnable onDone) {
            assertThat(mode).isEqualTo(PeerMessage.MODE_LOCAL);
            int n = numberOf(request);
            asked.add(n);
            if (down.contains(n)) {
                sink.error("no link");
            } else {
                sink.reply(Unpooled.copiedBuffer(Integer.toString(n), StandardCharsets.US_ASCII));
            }
        }
    }

    private final class Local implements Datastore {
        @Override
        public CompletableFuture<Void> start() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void execute(Request request, ReplySink sink) {
            int n = numberOf(request);
            asked.add(n);
            sink.reply(Unpooled.copiedBuffer(Integer.toString(n), StandardCharsets.US_ASCII));
        }

        @Override
        public void close() {
        }
    }

    private final class Client implements ReplySink {
        @Override
        public void reply(ByteBuf reply) {
            answers.add(reply.toString(StandardCharsets.US_ASCII));
            reply.release();
        }

        @Override
        public void error(String message) {
            answers.add("ERROR " + message);
        }

        @Override
        public EventLoop eventLoop() {
            return loopOwner.eventLoop();
        }

        @Override
        public int connectionId() {
            return 1;
        }
    }
}
