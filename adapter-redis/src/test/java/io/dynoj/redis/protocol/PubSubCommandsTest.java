package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.pubsub.PeerFanOut;
import io.dynoj.core.pubsub.PubSubHub;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.PubSub;
import io.dynoj.core.spi.Subscriber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pub/sub commands on two client sessions of one node's hub, without sockets. */
class PubSubCommandsTest {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();
    private final PubSubHub hub = new PubSubHub(PeerFanOut.NONE);

    /** A client connection's session: its pushes are kept as text. */
    private final class Session implements ClientSession {
        final List<String> pushed = new ArrayList<>();
        private Subscriber subscriber;

        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public ConsistencyLevel readConsistency() {
            return null;
        }

        @Override
        public ConsistencyLevel writeConsistency() {
            return null;
        }

        @Override
        public void readConsistency(ConsistencyLevel level) {
        }

        @Override
        public void writeConsistency(ConsistencyLevel level) {
        }

        @Override
        public PubSub pubSub() {
            return hub;
        }

        @Override
        public Subscriber subscriber() {
            return subscriber;
        }

        @Override
        public void subscriber(Subscriber s) {
            subscriber = s;
        }

        @Override
        public void push(ByteBuf message) {
            pushed.add(message.toString(StandardCharsets.UTF_8));
            message.release();
        }

        String send(String inline) {
            EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(ProtocolLimits.DEFAULTS));
            ch.writeInbound(Unpooled.copiedBuffer(inline + "\r\n", StandardCharsets.UTF_8));
            RedisRequest request = ch.readInbound();
            try {
                LocalAnswer a = adapter.answerLocally(request, this);
                if (a == null) {
                    return null;
                }
                ByteBuf reply = a.pending() != null ? a.pending().join() : a.reply();
                String text = reply.toString(StandardCharsets.UTF_8);
                reply.release();
                return text;
            } finally {
                request.release();
                ch.finishAndReleaseAll();
            }
        }
    }

    @Test
    void publishedMessagesArePushedInRedisFormat() {
        Session sub = new Session();
        Session pub = new Session();
        assertThat(sub.send("SUBSCRIBE news")).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
        assertThat(sub.send("PSUBSCRIBE n*")).isEqualTo("*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:2\r\n");
        assertThat(pub.send("PUBLISH news hi")).isEqualTo(":2\r\n");
        assertThat(sub.pushed).containsExactly("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
                "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$2\r\nhi\r\n");
        assertThat(pub.send("PUBSUB NUMSUB news other")).isEqualTo("*4\r\n$4\r\nnews\r\n:1\r\n$5\r\nother\r\n:0\r\n");
        assertThat(pub.send("PUBSUB NUMPAT")).isEqualTo(":1\r\n");
        assertThat(pub.send("PUBSUB CHANNELS ne?s")).isEqualTo("*1\r\n$4\r\nnews\r\n");
    }

    @Test
    void subscribedModeRefusesOtherCommandsUntilEverySubscriptionEnds() {
        Session s = new Session();
        s.send("SUBSCRIBE a");
        assertThat(s.send("GET k")).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING "
                + "/ QUIT / RESET are allowed in this context\r\n");
        assertThat(s.send("CONFIG GET x")).startsWith("-ERR Can't execute 'config|get'");
        assertThat(s.send("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
        assertThat(s.send("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:0\r\n");
        assertThat(s.send("GET k")).as("forwarded again").isNull();
        assertThat(s.send("PING")).isEqualTo("+PONG\r\n");
    }

    @Test
    void resetEndsEverySubscription() {
        Session s = new Session();
        s.send("SUBSCRIBE a b");
        s.send("PSUBSCRIBE *");
        assertThat(s.send("RESET")).isEqualTo("+RESET\r\n");
        assertThat(hub.subscribers("a".getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(hub.patterns()).isZero();
        assertThat(s.send("GET k")).isNull();
    }

    @Test
    void withoutAHubThePubSubCommandsAreRefused() {
        LocalAnswer a;
        EmbeddedChannel ch = new EmbeddedChannel(adapter.newDecoder(ProtocolLimits.DEFAULTS));
        ch.writeInbound(Unpooled.copiedBuffer("PUBLISH c m\r\n", StandardCharsets.UTF_8));
        RedisRequest request = ch.readInbound();
        try {
            a = adapter.answerLocally(request, ClientSession.detached(ByteBufAllocator.DEFAULT));
        } finally {
            request.release();
            ch.finishAndReleaseAll();
        }
        assertThat(a.reply().toString(StandardCharsets.UTF_8)).isEqualTo("-ERR 'publish' needs a client connection\r\n");
        a.reply().release();
    }
}
