package io.dynoj.core.gossip;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carries one push-pull exchange to a member: sends this node's entries in a GOSSIP frame and completes
 * with the entries of the answer. In a node, the peer link to that member; in tests, a direct call.
 * Thread-safe; the future may complete on any thread (an event loop: callers must not block there).
 */
@FunctionalInterface
public interface GossipTransport {

    /** Sends {@code mine} to the member {@code nodeId}; fails when it cannot be reached or answers badly. */
    CompletableFuture<List<GossipEntry>> exchange(String nodeId, List<GossipEntry> mine);
}
