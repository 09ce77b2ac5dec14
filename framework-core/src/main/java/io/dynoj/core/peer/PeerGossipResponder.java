package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Answers a peer's GOSSIP frame: the node's gossip merges the payload and returns its own entries. Kept
 * at the byte level so the peer protocol does not depend on the gossip package. Called on the
 * connection's event loop: it must not block. Thread-safe.
 */
@FunctionalInterface
public interface PeerGossipResponder {

    /**
     * The answer's payload (a new buffer from {@code alloc}) to {@code request} (read, not released);
     * throws {@link IllegalArgumentException} when the request is malformed.
     */
    ByteBuf answer(ByteBuf request, ByteBufAllocator alloc);
}
