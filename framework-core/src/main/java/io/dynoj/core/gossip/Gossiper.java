package io.dynoj.core.gossip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One node's gossip: its {@link Membership}, the rounds that spread it, and the answers to peers' rounds.
 *
 * <p>A round ({@link #round}, every {@code gos_interval}) advances the local heartbeat, then exchanges
 * entries (push-pull) with one member in the ring chosen at random, or, in the first
 * {@link #ANNOUNCE_ROUNDS} rounds of this node's generation, with every member it knows: a joining or
 * replacing node reaches the cluster in its first rounds instead of waiting for chance to carry it. The
 * answer is merged by {@link Membership#merge}. A received exchange ({@link #receive}) is merged and
 * answered with the merged entries.
 *
 * <p>Whenever a merge changes the ring (members, places, addresses, states; not mere heartbeats), the
 * {@code onRingChange} callback gets the new membership. Threading: the membership is swapped whole
 * with compare-and-set, so {@link #round}, {@link #receive} and {@link #setState} are callable from any
 * thread, concurrently; the callback runs on the thread that made the change, possibly several at once,
 * and must hand off (the topology source publishes from its own thread, from the latest membership).
 */
public final class Gossiper {

    /** Rounds in which a new generation talks to every member it knows. */
    public static final int ANNOUNCE_ROUNDS = 2;

    private final AtomicReference<Membership> membership;
    private final GossipTransport transport;
    private final Consumer<Membership> onRingChange;
    private final Random random;
    /** Rounds since this node last had news for everyone (its start, its leaving); written by the rounds' thread and {@link #setState}. */
    private volatile int rounds;

    public Gossiper(GossipEntry self, GossipTransport transport, Consumer<Membership> onRingChange, Random random) {
        this.membership = new AtomicReference<>(Membership.of(self));
        this.transport = transport;
        this.onRingChange = onRingChange;
        this.random = random;
    }

    public Membership membership() {
        return membership.get();
    }

    /** Merges entries learnt elsewhere (a seed list, as generation 0 hearsay). */
    public void learn(Collection<GossipEntry> entries) {
        merge(entries);
    }

    /** A peer's exchange: merges its entries and returns this node's, for the answer. */
    public List<GossipEntry> receive(List<GossipEntry> theirs) {
        return List.copyOf(merge(theirs).entries().values());
    }

    /** The local node now is in {@code state}; spread from the next round on. */
    public void setState(MemberState state) {
        Membership before = membership.getAndUpdate(m -> m.withSelf(m.self().next(state)));
        if (state == MemberState.LEFT) {
            // Leaving is told to every member, not left to chance.
            rounds = 0;
        }
        if (before.self().state() != state) {
            onRingChange.accept(membership.get());
        }
    }

    /**
     * One round. Callable from one thread at a time (the gossip timer); completes when its exchanges have
     * been answered and merged, or have failed (a failed exchange is not an error: the member is down or
     * unreachable, and the next round picks again).
     */
    public CompletableFuture<Void> round() {
        Membership now = membership.updateAndGet(m -> m.withSelf(m.self().next(m.self().state())));
        int round = rounds;
        rounds = round + 1;
        List<String> targets = targets(now, round < ANNOUNCE_ROUNDS);
        List<GossipEntry> mine = List.copyOf(now.entries().values());
        CompletableFuture<?>[] exchanges = new CompletableFuture<?>[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            exchanges[i] = transport.exchange(targets.get(i), mine)
                    .thenAccept(this::merge)
                    .exceptionally(failure -> null);
        }
        return CompletableFuture.allOf(exchanges);
    }

    private List<String> targets(Membership m, boolean everyone) {
        List<String> others = new ArrayList<>();
        m.entries().values().forEach(e -> {
            if (!e.nodeId().equals(m.self().nodeId()) && e.state().inRing()) {
                others.add(e.nodeId());
            }
        });
        if (everyone || others.size() <= 1) {
            return others;
        }
        return List.of(others.get(random.nextInt(others.size())));
    }

    private Membership merge(Collection<GossipEntry> entries) {
        Membership before;
        Membership after;
        do {
            before = membership.get();
            after = before.merge(entries);
        } while (after != before && !membership.compareAndSet(before, after));
        if (!after.sameRing(before)) {
            onRingChange.accept(after);
        }
        return after;
    }
}
