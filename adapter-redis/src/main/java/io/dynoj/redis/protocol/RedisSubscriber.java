package io.dynoj.redis.protocol;

import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.Subscriber;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One client connection's subscriptions, and the RESP2 form of what it receives: {@code *3 message channel
 * payload} and {@code *4 pmessage pattern channel payload}, pushed after the connection's due replies. Its
 * channel and pattern sets are the connection's (its event loop only); {@link #message} and
 * {@link #patternMessage} are called on any thread and read nothing of them.
 */
final class RedisSubscriber implements Subscriber {

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);

    private final ClientSession session;
    private final Set<ByteBuffer> channels = new LinkedHashSet<>();
    private final Set<ByteBuffer> patterns = new LinkedHashSet<>();

    RedisSubscriber(ClientSession session) {
        this.session = session;
    }

    /** This connection's subscriber, made and kept on its first subscription. */
    static RedisSubscriber of(ClientSession session) {
        if (session.subscriber() instanceof RedisSubscriber s) {
            return s;
        }
        RedisSubscriber s = new RedisSubscriber(session);
        session.subscriber(s);
        return s;
    }

    /** Whether the connection is in subscribed mode: at least one channel or pattern. */
    static boolean subscribed(ClientSession session) {
        return session.subscriber() instanceof RedisSubscriber s && s.count() > 0;
    }

    @Override
    public void message(byte[] channel, byte[] message) {
        session.push(RespWriter.array(session.alloc(), List.of(MESSAGE, channel, message)));
    }

    @Override
    public void patternMessage(byte[] pattern, byte[] channel, byte[] message) {
        session.push(RespWriter.array(session.alloc(), List.of(PMESSAGE, pattern, channel, message)));
    }

    /** Channels and patterns together: the count Redis's (un)subscribe confirmations carry. */
    int count() {
        return channels.size() + patterns.size();
    }

    /** Adds {@code channel}; false when it was there already. */
    boolean addChannel(byte[] channel) {
        return channels.add(ByteBuffer.wrap(channel));
    }

    boolean removeChannel(byte[] channel) {
        return channels.remove(ByteBuffer.wrap(channel));
    }

    boolean addPattern(byte[] pattern) {
        return patterns.add(ByteBuffer.wrap(pattern));
    }

    boolean removePattern(byte[] pattern) {
        return patterns.remove(ByteBuffer.wrap(pattern));
    }

    /** The channels subscribed to now, oldest first: a copy. */
    List<byte[]> channels() {
        return channels.stream().map(ByteBuffer::array).toList();
    }

    List<byte[]> patterns() {
        return patterns.stream().map(ByteBuffer::array).toList();
    }

    /** A buffer for the confirmations of one command. */
    ByteBuf buffer() {
        return session.alloc().buffer();
    }
}
