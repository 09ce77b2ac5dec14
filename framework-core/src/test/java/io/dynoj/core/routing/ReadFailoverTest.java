package io.dynoj.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolAdapter;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where a read served by one replica goes when that replica cannot answer, and what is never retried: the
 * router's {@link ReadFailover} over fake peers whose answers each test decides, on an embedded loop.
 */
class ReadFailoverTest {

    private static final long TOP = 0xFFFFFFFFL;
    /** Owned by the node of token TOP in every rack. */
    private static final long HASH = TOP - 5;

    private final EmbeddedChannel loopOwner = new EmbeddedChannel();
    private final Client client = new Client(loopOwner.eventLoop());
    private final MetricRegistry registry = new MetricRegistry();
    private final FakePeers peers = new FakePeers();
    private final List<String> executedHere = new ArrayList<>();
    private boolean failoverSafe = true;
    /** Whether this node's own datastore serves reads (false: it is warming up, WRITES_ONLY). */
    private boolean localReads = true;

    @AfterEach
    void release() {
        loopOwner.finishAndReleaseAll();
    }

    /**
     * dc1: r1 = a (half the ring), b (the rest); r2 = c, d likewise; r3 = e. dc2: r1 = f, r2 = g. Every node at
     * port 1000 + its letter's position; {@code local} is the node this one is.
     */
    private static Topology topology(char local) {
        List<ClusterNode> nodes = new ArrayList<>();
        String[][] places = {{"a", "dc1", "r1", "half"}, {"b", "dc1", "r1", "top"}, {"c", "dc1", "r2", "half"},
                {"d", "dc1", "r2", "top"}, {"e", "dc1", "r3", "top"}, {"f", "dc2", "r1", "top"},
                {"g", "dc2", "r2", "top"}};
        for (String[] p : places) {
            char letter = p[0].charAt(0);
            long token = p[3].equals("half") ? TOP / 2 : TOP;
            nodes.add(new ClusterNode(p[1], p[2], new HostPort("127.0.0.1", port(letter)), List.of(token),
                    letter == local));
        }
        return new Topology(1, nodes);
    }

    private static int port(char letter) {
        return 1000 + letter - 'a';
    }

    private static String name(char letter) {
        return new String[] {"dc1/r1", "dc1/r1", "dc1/r2", "dc1/r2", "dc1/r3", "dc2/r1", "dc2/r2"}[letter - 'a']
                + "/127.0.0.1:" + port(letter);
    }

    private ReadFailover failover(int attempts) {
        ProtocolAdapter protocol = new SafetyOf(new LineProtocolAdapter());
        return new ReadFailover(new Replicator(new LocalStore(), peers, protocol, new RouterMetrics(registry)), attempts);
    }

    private void read(ReadFailover failover, Topology t) {
        Request get = new LineProtocolAdapter().decodeFrame(Unpooled.copiedBuffer("GET k\n", StandardCharsets.US_ASCII));
        failover.read(t, get, HASH, ConsistencyLevel.DC_ONE, client);
    }

    private long count(String metric) {
        return registry.counter("router." + metric).getCount();
    }

    @Test
    void aReadWhoseOwnerAnswersGoesNowhereElse() {
        peers.answer('b', "VALUE v");
        read(failover(Integer.MAX_VALUE), topology('a'));
        assertThat(client.answers).containsExactly("VALUE v");
        assertThat(peers.sent).containsExactly('b');
        assertThat(registry.getCounters().entrySet()).filteredOn(e -> e.getKey().contains("failover")
                || e.getKey().contains("failed_over")).allSatisfy(e -> assertThat(e.getValue().getCount()).isZero());
    }

    @Test
    void aReadOfAKeyThisNodeOwnsIsServedHereWithoutASink() {
        read(failover(Integer.MAX_VALUE), topology('b'));
        assertThat(executedHere).containsExactly("GET k");
        assertThat(peers.sent).isEmpty();
        assertThat(client.answers).containsExactly("VALUE here");
    }

    @Test
    void aReadOfAKeyThisWarmingNodeOwnsGoesToTheNextRackNotToItsOwnStore() {
        localReads = false;
        peers.answer('d', "VALUE warm");
        read(failover(Integer.MAX_VALUE), topology('b'));
        assertThat(executedHere).isEmpty();
        assertThat(client.answers).containsExactly("VALUE warm");
        assertThat(peers.sent).containsExactly('d');
        assertThat(count("reads_failed_over.not_readable")).isEqualTo(1);
    }

    @Test
    void withoutFailoverAWarmingNodesOwnStoreAnswersWithItsRefusal() {
        localReads = false;
        read(failover(0), topology('b'));
        assertThat(executedHere).as("the state gate refuses it there").containsExactly("GET k");
        assertThat(peers.sent).isEmpty();
    }

    @Test
    void unreachableOwnersAreSkippedFromTheNextRackRoundTheRingThenAnotherDatacenter() {
        // From r2: r2's owner, then r3, then r1 (wrapping), then dc2's rack twinned with r2.
        peers.down('d', 'e', 'b');
        peers.answer('g', "VALUE remote");
        read(failover(Integer.MAX_VALUE), topology('c'));
        assertThat(client.answers).containsExactly("VALUE remote");
        assertThat(peers.sent).containsExactly('g');
        assertThat(count("reads_failed_over.unreachable")).isEqualTo(3);
    }

    @Test
    void ownersWhoseGossipedStateRefusesReadsAreSkippedAndCounted() {
        peers.writesOnly('d');
        peers.answer('e', "VALUE next");
        read(failover(Integer.MAX_VALUE), topology('c'));
        assertThat(client.answers).containsExactly("VALUE next");
        assertThat(peers.sent).containsExactly('e');
        assertThat(count("reads_failed_over.not_readable")).isEqualTo(1);
    }

    @Test
    void linkFailuresMoveTheReadOnInDynosOrderCountedByReason() {
        peers.fail('d', "connection to peer " + name('d') + " was lost");
        peers.fail('e', "timeout: peer " + name('e') + " did not answer within 10000 ms");
        peers.fail('b', "peer " + name('b') + " is not reachable");
        peers.answer('g', "VALUE remote");
        read(failover(Integer.MAX_VALUE), topology('c'));
        assertThat(peers.sent).containsExactly('d', 'e', 'b', 'g');
        assertThat(client.answers).containsExactly("VALUE remote");
        assertThat(count("reads_failed_over.connection_error")).isEqualTo(1);
        assertThat(count("reads_failed_over.timeout")).isEqualTo(1);
        assertThat(count("reads_failed_over.unreachable")).isEqualTo(1);
        assertThat(count("read_failover_exhausted")).isZero();
    }

    @Test
    void aFailoverWaitingForItsAnswerTakesTheAnswerWhenItComesLater() {
        peers.hold('b');
        read(failover(Integer.MAX_VALUE), topology('a'));
        assertThat(client.answers).isEmpty();
        peers.answer('d', "VALUE v");
        peers.held.remove('b').error("connection to peer " + name('b') + " was lost");
        // The held error came on the loop as a peer's would: the read went on to r2.
        assertThat(peers.sent).containsExactly('b', 'd');
        assertThat(client.answers).containsExactly("VALUE v");
    }

    @Test
    void anErrorReplyOrAnErrorTheOwnersNodeSentBackIsTheAnswer() {
        peers.answer('b', "ERR WRONGTYPE");
        read(failover(Integer.MAX_VALUE), topology('a'));
        peers.fail('b', "datastore 127.0.0.1:6379 is not reachable");
        read(failover(Integer.MAX_VALUE), topology('a'));
        // An error naming another node is not this link's failure either.
        peers.fail('b', "connection to peer " + name('d') + " was lost");
        read(failover(Integer.MAX_VALUE), topology('a'));
        assertThat(peers.sent).containsExactly('b', 'b', 'b');
        assertThat(client.answers).containsExactly("ERR WRONGTYPE", "ERROR datastore 127.0.0.1:6379 is not reachable",
                "ERROR connection to peer " + name('d') + " was lost");
    }

    @Test
    void aRequestTheProtocolCallsUnsafeIsNeverSentAnywhereElse() {
        failoverSafe = false;
        peers.fail('b', "connection to peer " + name('b') + " was lost");
        peers.answer('d', "VALUE v");
        read(failover(Integer.MAX_VALUE), topology('a'));
        peers.down('b');
        read(failover(Integer.MAX_VALUE), topology('a'));
        assertThat(peers.sent).containsExactly('b', 'b');
        assertThat(client.answers).containsExactly("ERROR connection to peer " + name('b') + " was lost",
                "ERROR peer " + name('b') + " is not reachable");
    }

    @Test
    void attemptsBoundTheReplicasTriedAndTheLastErrorIsTheAnswer() {
        peers.fail('b', "connection to peer " + name('b') + " was lost");
        peers.fail('d', "timeout: peer " + name('d') + " did not answer within 10000 ms");
        peers.answer('e', "VALUE too far");
        read(failover(1), topology('a'));
        assertThat(peers.sent).containsExactly('b', 'd');
        assertThat(client.answers).containsExactly("ERROR timeout: peer " + name('d') + " did not answer within 10000 ms");
        assertThat(count("read_failover_exhausted")).isEqualTo(1);

        read(failover(0), topology('a'));
        assertThat(peers.sent).containsExactly('b', 'd', 'b');
    }

    @Test
    void whenNoReplicaIsReachableTheOwnerIsAskedAnywayAndItsLinkSaysWhy() {
        peers.down('b', 'd', 'e', 'f');
        read(failover(Integer.MAX_VALUE), topology('a'));
        assertThat(peers.sent).containsExactly('b');
        assertThat(client.answers).containsExactly("ERROR peer " + name('b') + " is not reachable");
        assertThat(count("read_failover_exhausted")).isEqualTo(1);
    }

    @Test
    void replicasAreOrderedLocalRackThenNextRacksThenEachOtherDatacenter() {
        Topology fromR3 = topology('e');
        assertThat(List.of(0, 1, 2, 3).stream().map(k -> ReadFailover.replica(fromR3, HASH, k).name()))
                .containsExactly(name('e'), name('b'), name('d'), name('f'));
        assertThat(ReadFailover.replicaCount(fromR3)).isEqualTo(4);
    }

    /** Peers that answer as the test says; every request they get is released as a socket write would. */
    private final class FakePeers implements Peers {
        final List<Character> sent = new ArrayList<>();
        final Map<Character, ReplySink> held = new HashMap<>();
        private final Map<Character, String> replies = new HashMap<>();
        private final Map<Character, String> errors = new HashMap<>();
        private final List<Character> down = new ArrayList<>();
        private final List<Character> writesOnly = new ArrayList<>();
        private final List<Character> holding = new ArrayList<>();

        void answer(char node, String reply) {
            replies.put(node, reply);
        }

        void fail(char node, String error) {
            errors.put(node, error);
        }

        void down(char... nodes) {
            for (char n : nodes) {
                down.add(n);
            }
        }

        void writesOnly(char node) {
            writesOnly.add(node);
        }

        @Override
        public boolean servesReads(ClusterNode peer) {
            return !writesOnly.contains(letter(peer));
        }

        void hold(char node) {
            holding.add(node);
        }

        @Override
        public boolean reachable(ClusterNode peer) {
            return !down.contains(letter(peer));
        }

        @Override
        public void send(ClusterNode peer, Request request, byte mode, ConsistencyLevel level, int originRack,
                         ReplySink sink, Runnable onDone) {
            char node = letter(peer);
            sent.add(node);
            assertThat(request.frame().toString(StandardCharsets.US_ASCII)).isEqualTo("GET k\n");
            request.release();
            if (down.contains(node)) {
                sink.error("peer " + peer.name() + " is not reachable");
            } else if (holding.contains(node)) {
                holding.remove((Character) node);
                held.put(node, sink);
            } else if (errors.containsKey(node)) {
                sink.error(errors.get(node));
            } else {
                sink.reply(Unpooled.copiedBuffer(replies.getOrDefault(node, "NIL"), StandardCharsets.US_ASCII));
            }
        }

        private char letter(ClusterNode peer) {
            return (char) ('a' + peer.peerAddress().port() - 1000);
        }
    }

    /** This node's own datastore: answers {@code VALUE here}. */
    private final class LocalStore implements Datastore {
        @Override
        public CompletableFuture<Void> start() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void execute(Request request, ReplySink sink) {
            executedHere.add(request.frame().toString(StandardCharsets.US_ASCII).strip());
            request.release();
            sink.reply(Unpooled.copiedBuffer("VALUE here", StandardCharsets.US_ASCII));
        }

        @Override
        public boolean servesReads() {
            return localReads;
        }

        @Override
        public void close() {
        }
    }

    /** The line protocol, whose reads are failover-safe only while the test says so. */
    private final class SafetyOf implements ProtocolAdapter {
        private final ProtocolAdapter line;

        SafetyOf(ProtocolAdapter line) {
            this.line = line;
        }

        @Override
        public boolean isFailoverSafe(Request request) {
            return failoverSafe && line.isFailoverSafe(request);
        }

        @Override
        public String name() {
            return line.name();
        }

        @Override
        public ChannelHandler newDecoder(ProtocolLimits limits) {
            return line.newDecoder(limits);
        }

        @Override
        public LocalAnswer answerLocally(Request request, ClientSession session) {
            return line.answerLocally(request, session);
        }

        @Override
        public ByteBuf errorReply(ByteBufAllocator alloc, String message) {
            return line.errorReply(alloc, message);
        }

        @Override
        public Request decodeFrame(ByteBuf frame) {
            return line.decodeFrame(frame);
        }

        @Override
        public boolean isSplittable(Request request) {
            return false;
        }

        @Override
        public boolean isBroadcast(Request request) {
            return false;
        }

        @Override
        public Request splitRequest(Request request, int[] keyIndexes, ByteBufAllocator alloc) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ByteBuf mergeReplies(Request original, int[][] keyIndexes, ByteBuf[] partReplies,
                                    ByteBufAllocator alloc) {
            throw new UnsupportedOperationException();
        }
    }

    /** The client's sink: what it was answered, replies released. */
    private static final class Client implements ReplySink {
        final List<String> answers = new ArrayList<>();
        private final EventLoop loop;

        Client(EventLoop loop) {
            this.loop = loop;
        }

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
            return loop;
        }

        @Override
        public int connectionId() {
            return 1;
        }
    }
}
