package io.dynoj.core.peer;

import static io.dynoj.core.peer.PeerFrames.hello;
import static io.dynoj.core.peer.PeerFrames.request;
import static io.dynoj.core.peer.PeerFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.fake.LineProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An admitted peer's bytes on its connection to this node are its sign of life for this node's links to it,
 * part of a frame included; bytes before its hello is admitted are nobody's.
 */
class PeerHeardHandlerTest {

    private final PeerIdentity self = PeerFrames.identity("alpha", "self", 9000);
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final HeldRequests requests = new HeldRequests();
    private final PeerChannels.Served served = new PeerChannels.Served(new LineProtocolAdapter(), requests,
            new PeerServer.Settings(self, 1 << 20, 100),
            new HelloRegistry(self, nodeId -> { }, (nodeId, nanos) -> heard.add(nodeId)),
            new PeerServerMetrics(new MetricRegistry()));
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void halfAFrameFromAnAdmittedPeerCountsAsHearingFromIt() {
        PeerChannels.initServer(channel, served, 1);
        channel.writeInbound(hello(1, "alpha", "n2", 9001));
        written(channel).forEach(f -> assertThat(f.type()).isEqualTo(PeerMessage.HELLO_OK));
        assertThat(heard).as("the hello itself comes before the peer is known").isEmpty();
        ByteBuf frame = request(2, "SET k v");
        channel.writeInbound(frame.readRetainedSlice(PeerMessage.HEADER_LENGTH + 2));
        assertThat(heard).containsExactly("n2");
        assertThat(requests.held).as("nothing decoded yet").isEmpty();
        channel.writeInbound(frame);
        assertThat(requests.held).hasSize(1);
    }

    @Test
    void bytesBeforeAPeerIsAdmittedAreNobodys() {
        PeerChannels.initServer(channel, served, 1);
        channel.writeInbound(request(2, "SET k v"));
        assertThat(written(channel)).singleElement().satisfies(f -> assertThat(f.type()).isEqualTo(PeerMessage.ERROR));
        assertThat(heard).isEmpty();
    }
}
