package io.dynoj.core.pubsub;

import java.util.concurrent.CompletableFuture;

/**
 * Hands a message published on this node to every other node of the cluster, once each, and completes with
 * how many of their subscribers received it. Thread-safe; never fails.
 */
@FunctionalInterface
public interface PeerFanOut {

    /** A node alone: nobody else to tell. */
    PeerFanOut NONE = (channel, message) -> CompletableFuture.completedFuture(0L);

    CompletableFuture<Long> publish(byte[] channel, byte[] message);
}
