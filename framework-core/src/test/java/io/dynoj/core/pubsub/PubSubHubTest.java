package io.dynoj.core.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.Subscriber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PubSubHubTest {

    private final List<byte[][]> sentToPeers = new ArrayList<>();
    private final PubSubHub hub = new PubSubHub((channel, message) -> {
        sentToPeers.add(new byte[][] {channel, message});
        return CompletableFuture.completedFuture(5L);
    });

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records what it receives as text. */
    private static final class Recorder implements Subscriber {
        final List<String> got = new ArrayList<>();

        @Override
        public void message(byte[] channel, byte[] message) {
            got.add(new String(channel, StandardCharsets.UTF_8) + ":" + new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void patternMessage(byte[] pattern, byte[] channel, byte[] message) {
            got.add(new String(pattern, StandardCharsets.UTF_8) + ">" + new String(channel, StandardCharsets.UTF_8)
                    + ":" + new String(message, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMessageReachesChannelAndPatternSubscribersAndIsCountedPerDelivery() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        hub.subscribe(b("news"), a);
        hub.subscribe(b("news"), a);
        hub.subscribe(b("news"), b);
        hub.subscribePattern(b("ne*"), c -> new String(c, StandardCharsets.UTF_8).startsWith("ne"), a);
        assertThat(hub.deliver(b("news"), b("hi"))).as("a twice (channel and pattern), b once").isEqualTo(3);
        assertThat(a.got).containsExactlyInAnyOrder("news:hi", "ne*>news:hi");
        assertThat(b.got).containsExactly("news:hi");
        assertThat(hub.deliver(b("weather"), b("rain"))).isZero();
    }

    @Test
    void publishDeliversHereAndAddsWhatThePeersCounted() {
        Recorder a = new Recorder();
        hub.subscribe(b("c"), a);
        assertThat(hub.publish(b("c"), b("m")).join()).isEqualTo(6);
        assertThat(a.got).containsExactly("c:m");
        assertThat(sentToPeers).hasSize(1);
        assertThat(sentToPeers.get(0)[0]).isEqualTo(b("c"));
        assertThat(sentToPeers.get(0)[1]).isEqualTo(b("m"));
    }

    @Test
    void unsubscribingStopsDeliveryAndForgetsEmptyChannels() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        hub.subscribe(b("x"), a);
        hub.subscribe(b("y"), a);
        hub.subscribe(b("y"), b);
        hub.subscribePattern(b("*"), c -> true, a);
        assertThat(hub.patterns()).isEqualTo(1);
        assertThat(hub.subscribers(b("y"))).isEqualTo(2);
        hub.unsubscribe(b("x"), a);
        assertThat(hub.channels(c -> true)).extracting(Arrays::toString).containsExactly(Arrays.toString(b("y")));
        hub.unsubscribeAll(a);
        assertThat(hub.patterns()).isZero();
        assertThat(hub.subscribers(b("y"))).isEqualTo(1);
        assertThat(hub.deliver(b("y"), b("m"))).isEqualTo(1);
        assertThat(a.got).isEmpty();
        hub.unsubscribePattern(b("never"), b);
        hub.unsubscribe(b("y"), b);
        assertThat(hub.channels(c -> true)).isEmpty();
    }

    @Test
    void aNodeAloneCountsItsOwnSubscribers() {
        PubSubHub alone = new PubSubHub(PeerFanOut.NONE);
        alone.subscribe(b("c"), new Recorder());
        assertThat(alone.publish(b("c"), b("m")).join()).isEqualTo(1);
    }
}
