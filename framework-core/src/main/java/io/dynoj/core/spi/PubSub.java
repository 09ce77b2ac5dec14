package io.dynoj.core.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The node's publish/subscribe hub as a protocol adapter sees it: the node, not its datastore, keeps the
 * subscriptions of its client connections, and a message published through any node of the cluster reaches
 * the subscribers of every node once. Channels and patterns are bytes; the adapter decides what a pattern
 * matches. Thread-safe.
 */
public interface PubSub {

    /** {@code subscriber} gets the messages of {@code channel} from now on; subscribing twice changes nothing. */
    void subscribe(byte[] channel, Subscriber subscriber);

    /** {@code subscriber} no longer gets the messages of {@code channel}. */
    void unsubscribe(byte[] channel, Subscriber subscriber);

    /**
     * {@code subscriber} gets the messages of every channel {@code matcher} accepts, tagged with {@code pattern};
     * subscribing to a pattern twice changes nothing.
     */
    void subscribePattern(byte[] pattern, Predicate<byte[]> matcher, Subscriber subscriber);

    /** {@code subscriber} no longer gets the messages {@code pattern} matches. */
    void unsubscribePattern(byte[] pattern, Subscriber subscriber);

    /** {@code subscriber} no longer gets any message: its connection closed. */
    void unsubscribeAll(Subscriber subscriber);

    /**
     * Delivers {@code message} to the subscribers of {@code channel} on every node (once each) and completes
     * with how many received it: this node's own count, plus those of the peers that answered within a short
     * bound (see the implementation). Never fails. Callable from any thread.
     */
    CompletableFuture<Long> publish(byte[] channel, byte[] message);

    /** The channels of this node that have at least one subscriber, those {@code filter} accepts. */
    List<byte[]> channels(Predicate<byte[]> filter);

    /** How many of this node's connections subscribe to {@code channel}. */
    int subscribers(byte[] channel);

    /** How many distinct patterns this node's connections subscribe to. */
    int patterns();
}
