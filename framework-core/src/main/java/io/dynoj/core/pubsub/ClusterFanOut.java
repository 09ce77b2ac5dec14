package io.dynoj.core.pubsub;

import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Hands a published message to every other node of the topology, in every rack and datacenter, once each,
 * over the peer links ({@link PeerLinks#publish}): nothing is retried, so no subscriber gets it twice; a node
 * that cannot be reached now misses it, as a subscriber of a single Redis that is disconnected would.
 *
 * <p>The count: Redis's PUBLISH answers how many clients received the message. Here it is the sum of the
 * counts of the nodes that answered within {@code waitMillis} (a node that is unreachable, answers an error
 * or answers later counts 0), so a PUBLISH is never held longer than that by a slow or stopped node; a
 * message is delivered whatever the count says. Thread-safe.
 */
public final class ClusterFanOut implements PeerFanOut {

    /** How long a PUBLISH waits for the other nodes' counts at most (never longer than the peer timeout). */
    public static final long DEFAULT_WAIT_MILLIS = 1000;

    private final Supplier<Topology> topology;
    private final PeerLinks links;
    private final long waitMillis;

    public ClusterFanOut(Supplier<Topology> topology, PeerLinks links, long waitMillis) {
        this.topology = topology;
        this.links = links;
        this.waitMillis = waitMillis;
    }

    @Override
    public CompletableFuture<Long> publish(byte[] channel, byte[] message) {
        List<ClusterNode> others = topology.get().nodes().stream().filter(n -> !n.local()).toList();
        if (others.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        AtomicLong sum = new AtomicLong();
        AtomicInteger waiting = new AtomicInteger(others.size());
        for (ClusterNode node : others) {
            links.publish(node.id(), channel, message).whenComplete((count, failure) -> {
                if (failure == null) {
                    sum.addAndGet(count);
                }
                if (waiting.decrementAndGet() == 0) {
                    result.complete(sum.get());
                }
            });
        }
        if (!result.isDone()) {
            CompletableFuture.delayedExecutor(waitMillis, TimeUnit.MILLISECONDS).execute(() -> result.complete(sum.get()));
        }
        return result;
    }
}
