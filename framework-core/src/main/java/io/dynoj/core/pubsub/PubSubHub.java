package io.dynoj.core.pubsub;

import io.dynoj.core.spi.PubSub;
import io.dynoj.core.spi.Subscriber;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One node's publish/subscribe hub: the subscriptions of its client connections, by channel and by pattern,
 * and the delivery of messages to them. A message published here is delivered to this node's subscribers and
 * handed once to every other node ({@link PeerFanOut}); one a peer hands over is delivered here only
 * ({@link #deliver}), so each subscriber of the cluster gets it once.
 *
 * <p>Thread-safe: connections subscribe on their event loops, messages are delivered on the publishing
 * connection's loop (a client's, or a peer's), and each subscriber hands the message to its own loop.
 */
public final class PubSubHub implements PubSub {

    /** Channel bytes (wrapped: a ByteBuffer compares by content) to the subscribers of that channel. */
    private final Map<ByteBuffer, Set<Subscriber>> channels = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, PatternSubscribers> patterns = new ConcurrentHashMap<>();
    private final PeerFanOut peers;

    /** @param peers hands published messages to the other nodes; {@link PeerFanOut#NONE} on a node alone */
    public PubSubHub(PeerFanOut peers) {
        this.peers = peers;
    }

    @Override
    public void subscribe(byte[] channel, Subscriber subscriber) {
        // compute, not computeIfAbsent then add: the set cannot be dropped as empty between the two.
        channels.compute(ByteBuffer.wrap(channel.clone()), (c, set) -> {
            Set<Subscriber> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(subscriber);
            return s;
        });
    }

    @Override
    public void unsubscribe(byte[] channel, Subscriber subscriber) {
        // computeIfPresent: removing the last subscriber and dropping the entry is one step for other threads.
        channels.computeIfPresent(ByteBuffer.wrap(channel), (c, set) -> set.remove(subscriber) && set.isEmpty()
                ? null : set);
    }

    @Override
    public void subscribePattern(byte[] pattern, Predicate<byte[]> matcher, Subscriber subscriber) {
        byte[] own = pattern.clone();
        patterns.compute(ByteBuffer.wrap(own), (p, entry) -> {
            PatternSubscribers e = entry != null ? entry : new PatternSubscribers(own, matcher);
            e.subscribers().add(subscriber);
            return e;
        });
    }

    @Override
    public void unsubscribePattern(byte[] pattern, Subscriber subscriber) {
        patterns.computeIfPresent(ByteBuffer.wrap(pattern), (p, entry) -> entry.subscribers().remove(subscriber)
                && entry.subscribers().isEmpty() ? null : entry);
    }

    @Override
    public void unsubscribeAll(Subscriber subscriber) {
        for (ByteBuffer channel : List.copyOf(channels.keySet())) {
            unsubscribe(channel.array(), subscriber);
        }
        for (PatternSubscribers entry : List.copyOf(patterns.values())) {
            unsubscribePattern(entry.pattern(), subscriber);
        }
    }

    @Override
    public CompletableFuture<Long> publish(byte[] channel, byte[] message) {
        long here = deliver(channel, message);
        return peers.publish(channel, message).thenApply(others -> here + others);
    }

    /**
     * Delivers {@code message} to this node's subscribers of {@code channel} and of the patterns that match it;
     * answers how many deliveries were made (a connection subscribed to the channel and to a matching pattern
     * gets it twice and counts twice, as in Redis).
     */
    public long deliver(byte[] channel, byte[] message) {
        long count = 0;
        Set<Subscriber> direct = channels.get(ByteBuffer.wrap(channel));
        if (direct != null) {
            for (Subscriber s : direct) {
                s.message(channel, message);
                count++;
            }
        }
        for (PatternSubscribers entry : patterns.values()) {
            if (entry.matcher().test(channel)) {
                for (Subscriber s : entry.subscribers()) {
                    s.patternMessage(entry.pattern(), channel, message);
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public List<byte[]> channels(Predicate<byte[]> filter) {
        List<byte[]> out = new ArrayList<>();
        for (Map.Entry<ByteBuffer, Set<Subscriber>> e : channels.entrySet()) {
            if (!e.getValue().isEmpty() && filter.test(e.getKey().array())) {
                out.add(e.getKey().array().clone());
            }
        }
        return out;
    }

    @Override
    public int subscribers(byte[] channel) {
        Set<Subscriber> set = channels.get(ByteBuffer.wrap(channel));
        return set == null ? 0 : set.size();
    }

    @Override
    public int patterns() {
        return patterns.size();
    }

    /** A pattern, what it matches (the adapter's syntax) and who subscribes to it. */
    private record PatternSubscribers(byte[] pattern, Predicate<byte[]> matcher, Set<Subscriber> subscribers) {
        PatternSubscribers(byte[] pattern, Predicate<byte[]> matcher) {
            this(pattern, matcher, ConcurrentHashMap.newKeySet());
        }
    }
}
