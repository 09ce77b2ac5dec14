package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.frame;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.peer.PeerFrames.Frame;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connecting side of the hello: sent first, and the connection is usable only at the HELLO_OK. */
class PeerHelloClientHandlerTest {

    private final PeerIdentity self = PeerFrames.identity("alpha", "me", 9000);
    private final List<PeerIdentity> accepted = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    private final PeerHelloClientHandler.Outcome outcome = new PeerHelloClientHandler.Outcome() {
        @Override
        public void accepted(Channel channel, PeerIdentity peer) {
            accepted.add(peer);
        }

        @Override
        public void refused(String reason) {
            refused.add(reason);
        }
    };

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new PeerFrameDecoder(1 << 20), new PeerHelloClientHandler(outcome, self, 1000));
    }

    private static io.netty.buffer.ByteBuf helloOk(String cluster, String nodeId) {
        return PeerMessage.frame(ByteBufAllocator.DEFAULT, PeerMessage.HELLO_OK, 0,
                PeerHello.of(PeerFrames.identity(cluster, nodeId, 9001)).encode(ByteBufAllocator.DEFAULT));
    }

    @Test
    void theHelloIsTheFirstFrameAndCarriesThisNodesIdentity() {
        EmbeddedChannel ch = channel();
        List<Frame> sent = written(ch);
        assertThat(sent).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(PeerMessage.HELLO);
            assertThat(f.text()).contains("alpha").contains("me").contains("127.0.0.1");
        });
        ch.finishAndReleaseAll();
    }

    @Test
    void aHelloOkMakesTheConnectionUsableAndTheHandlerLeaves() {
        EmbeddedChannel ch = channel();
        written(ch);
        ch.writeInbound(helloOk("alpha", "peer"));
        assertThat(accepted).containsExactly(PeerFrames.identity("alpha", "peer", 9001));
        assertThat(refused).isEmpty();
        assertThat(ch.pipeline().get(PeerHelloClientHandler.class)).isNull();
        // The hello timeout no longer applies.
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void anErrorAnswerIsARefusalWithThePeersReasonAndTheChannelCloses() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(frame(PeerMessage.ERROR, (byte) 0, 0, "cluster name 'alpha' is not this node's 'beta'"));
        assertThat(refused).containsExactly("refused our hello: cluster name 'alpha' is not this node's 'beta'");
        assertThat(accepted).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aHelloOkOfAnotherClusterIsARefusal() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(helloOk("beta", "peer"));
        assertThat(refused).containsExactly("it is of cluster 'beta', not 'alpha'");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void noAnswerWithinTheTimeoutIsARefusal() {
        EmbeddedChannel ch = channel();
        ch.advanceTimeBy(1001, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(refused).containsExactly("no answer to the hello within 1000 ms");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aCloseBeforeTheAnswerIsARefusal() {
        EmbeddedChannel ch = channel();
        ch.close();
        assertThat(refused).containsExactly("closed the connection before answering the hello");
        ch.finishAndReleaseAll();
    }
}
