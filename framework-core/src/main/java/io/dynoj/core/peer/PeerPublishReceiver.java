package io.dynoj.core.peer;

/**
 * Delivers a message another node published to this node's own subscribers (the node's pub/sub hub), and
 * answers how many got it. Kept at the byte level so the peer protocol does not depend on the hub. Called on
 * the peer connection's event loop: it must not block. Thread-safe.
 */
@FunctionalInterface
public interface PeerPublishReceiver {

    long deliver(byte[] channel, byte[] message);
}
