package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.HostPort;
import io.dynoj.core.health.HealthSettings;
import io.dynoj.core.health.PeerState;
import io.dynoj.core.health.PhiAccrualDetector;
import io.dynoj.core.net.Transport;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a peer link visibly moving a large frame is not a dead peer, whichever way the frame goes, while a
 * peer that takes nothing (frozen: SIGSTOP) is still judged DOWN. Against {@link SlowPeer}, a peer whose pace
 * the test sets, with a detector that judges a silent peer DOWN after about 1.3 s.
 */
class PeerLinkProgressIT {

    /** 100 ms pings; phi 8 (DOWN) about 1.3 s after the last sign of life. */
    private static final HealthSettings FAST = new HealthSettings(100, 1000,
            new PhiAccrualDetector.Settings(100, 50, 1000, 1, 8, 100));
    private static final int BIG = 32 << 20;
    /** BIG takes about 4 s to cross at this pace: three times the detection bound. */
    private static final long PACE = 8 << 20;

    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.newGroup(1, "peer-progress-it");
    private final MetricRegistry metrics = new MetricRegistry();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private PeerLinks links(ClusterNode peer) {
        PeerIdentity self = new PeerIdentity("alpha", "client", new HostPort("127.0.0.1", 1));
        PeerLinks links = new PeerLinks(group, transport, self,
                new PeerLinks.Settings(1, 1, 60_000, 2000, 64 << 20, FAST), metrics);
        ClusterNode local = new ClusterNode("client", "dc1", "r1", new HostPort("127.0.0.1", 1), List.of(1L), true);
        links.preparing(new Topology(1, List.of(local, peer)));
        return links;
    }

    private static ClusterNode peerAt(SlowPeer server) {
        return new ClusterNode("server", "dc1", "r2", new HostPort("127.0.0.1", server.port()), List.of(1L), false);
    }

    /**
     * Waits until the link is up and the peer judged UP (on a loaded machine the first connection may take
     * past {@code peer_down_after}, which is a DOWN of its own); returns its DOWN count then.
     */
    private long awaitUp(PeerLinks links, ClusterNode peer) {
        await().atMost(Duration.ofSeconds(20)).until(() -> links.allConnected() && links.state(peer) == PeerState.UP);
        return wentDown(peer);
    }

    private long wentDown(ClusterNode peer) {
        return metrics.counter(PeerMetrics.prefix(peer.name()) + ".went_down").getCount();
    }

    private CompletableFuture<String> send(PeerLinks links, ClusterNode peer, ByteBuf frame) {
        Sink sink = new Sink(group.next());
        links.send(peer, new FrameRequest(frame), PeerMessage.MODE_LOCAL, ConsistencyLevel.DC_ONE, sink);
        return sink.answer;
    }

    private static ByteBuf big(String command) {
        ByteBuf frame = Unpooled.buffer(BIG);
        frame.writeCharSequence(command, StandardCharsets.US_ASCII);
        return frame.writerIndex(BIG);
    }

    @Test
    void aLargeWriteThePeerReadsSlowerThanTheDetectionBoundKeepsItUp() throws Exception {
        try (SlowPeer server = new SlowPeer("alpha", "server"); PeerLinks links = links(peerAt(server))) {
            ClusterNode peer = peerAt(server);
            long downBefore = awaitUp(links, peer);
            server.readPace(PACE);
            long start = System.nanoTime();
            CompletableFuture<String> answer = send(links, peer, big("set big "));
            assertThat(answer.get(60, TimeUnit.SECONDS)).as("the slow peer failed: %s", server.failure())
                    .isEqualTo("+OK\r\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("silent past the detection bound")
                    .isGreaterThan(Duration.ofSeconds(2));
            assertThat(wentDown(peer)).as("judged DOWN while it read the value").isEqualTo(downBefore);
            assertThat(links.state(peer)).isNotEqualTo(PeerState.DOWN);
        }
    }

    @Test
    void aLargeReplyDripFedSlowerThanTheDetectionBoundKeepsThePeerUp() throws Exception {
        try (SlowPeer server = new SlowPeer("alpha", "server"); PeerLinks links = links(peerAt(server))) {
            ClusterNode peer = peerAt(server);
            long downBefore = awaitUp(links, peer);
            server.replyBytes(BIG);
            server.readPace(PACE);
            long start = System.nanoTime();
            CompletableFuture<String> answer = send(links, peer,
                    Unpooled.copiedBuffer("get big", StandardCharsets.US_ASCII));
            assertThat(answer.get(60, TimeUnit.SECONDS)).hasSize(BIG);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
            assertThat(wentDown(peer)).as("judged DOWN while its half-received reply came in").isEqualTo(downBefore);
        }
    }

    @Test
    void aFrozenPeerWithALargeWriteBackedUpIsStillJudgedDown() throws Exception {
        try (SlowPeer server = new SlowPeer("alpha", "server"); PeerLinks links = links(peerAt(server))) {
            ClusterNode peer = peerAt(server);
            long downBefore = awaitUp(links, peer);
            server.freeze();
            long start = System.nanoTime();
            CompletableFuture<String> answer = send(links, peer, big("set big "));
            await().atMost(Duration.ofSeconds(10)).until(() -> wentDown(peer) > downBefore);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("as soon as a silent peer")
                    .isLessThan(Duration.ofSeconds(5));
            // The counter moves just before the state does.
            await().atMost(Duration.ofSeconds(5)).until(() -> links.state(peer) == PeerState.DOWN);
            assertThat(answer.get(10, TimeUnit.SECONDS)).startsWith("error: peer ").endsWith(" is DOWN");
        }
    }

    @Test
    void aPeerSendingOnItsOwnConnectionIsAliveThoughItAnswersNoPingThenDownOnceSilent() throws Exception {
        try (SlowPeer server = new SlowPeer("alpha", "server"); PeerLinks links = links(peerAt(server))) {
            ClusterNode peer = peerAt(server);
            long downBefore = awaitUp(links, peer);
            server.freeze();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() - until < 0) {
                // What PeerHeardHandler says of the bytes the peer sends on the connection it opened to this node.
                links.heardFrom("server", System.nanoTime());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            assertThat(wentDown(peer)).as("judged DOWN while it was sending").isEqualTo(downBefore);
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> wentDown(peer) > downBefore);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aFrozenIdlePeerIsJudgedDown() throws Exception {
        try (SlowPeer server = new SlowPeer("alpha", "server"); PeerLinks links = links(peerAt(server))) {
            ClusterNode peer = peerAt(server);
            long downBefore = awaitUp(links, peer);
            server.freeze();
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> wentDown(peer) > downBefore);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** A request that is only its frame. */
    private record FrameRequest(ByteBuf frame) implements Request {

        @Override
        public String command() {
            return "set";
        }

        @Override
        public RequestKind kind() {
            return RequestKind.WRITE;
        }

        @Override
        public int keyCount() {
            return 0;
        }

        @Override
        public ByteBuf key(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public Request retainedDuplicate() {
            return new FrameRequest(frame.retainedDuplicate());
        }

        @Override
        public int refCnt() {
            return frame.refCnt();
        }

        @Override
        public Request retain() {
            frame.retain();
            return this;
        }

        @Override
        public Request retain(int increment) {
            frame.retain(increment);
            return this;
        }

        @Override
        public Request touch() {
            return this;
        }

        @Override
        public Request touch(Object hint) {
            return this;
        }

        @Override
        public boolean release() {
            return frame.release();
        }

        @Override
        public boolean release(int decrement) {
            return frame.release(decrement);
        }
    }

    /** The answer as text; an error as {@code error: message}. */
    private record Sink(EventLoop eventLoop, CompletableFuture<String> answer) implements ReplySink {

        Sink(EventLoop eventLoop) {
            this(eventLoop, new CompletableFuture<>());
        }

        @Override
        public void reply(ByteBuf reply) {
            answer.complete(reply.toString(StandardCharsets.US_ASCII));
            reply.release();
        }

        @Override
        public void error(String message) {
            answer.complete("error: " + message);
        }

        @Override
        public int connectionId() {
            return 0;
        }
    }
}
