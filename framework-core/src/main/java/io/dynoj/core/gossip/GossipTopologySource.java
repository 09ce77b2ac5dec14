package io.dynoj.core.gossip;

import io.dynoj.core.peer.PeerLinks;
import io.dynoj.core.peer.PeerServer;
import io.dynoj.core.topology.ClusterNode;
import io.dynoj.core.topology.Topology;
import io.dynoj.core.topology.TopologySource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code enable_gossip: true}: wraps the configured seed source ({@code dyn_seed_provider}). Each seed
 * snapshot is learnt as generation-0 hearsay (so the seeds are members, linked and gossiped to, until
 * their own entries replace them); gossip rounds every {@code gos_interval} add and update members; and
 * a new {@link Topology} (a higher version) is published whenever the merged ring changes.
 *
 * <p>Threading: rounds run on the source's own thread ("dynoj-gossip"), and so does every publish
 * (a ring change seen on an event loop, by an answer or a peer's exchange, is handed there); the
 * membership itself is swapped whole by {@link Gossiper}, so peers' exchanges never wait for a round.
 */
public final class GossipTopologySource implements TopologySource {

    private static final Logger log = LoggerFactory.getLogger(GossipTopologySource.class);

    private final TopologySource seeds;
    private final PeerLinks links;
    private final PeerServer server;
    private final long intervalMillis;
    private final Gossiper gossiper;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynoj-gossip");
        t.setDaemon(true);
        return t;
    });
    private Consumer<Topology> publish;
    private Membership published;
    private long version;

    /**
     * @param seeds the configured source, whose snapshots name the seeds
     * @param self the local node
     * @param links the node's peer links, which carry the exchanges
     * @param server the node's peer server, whose GOSSIP frames this source answers (null: none)
     * @param intervalMillis {@code gos_interval}
     */
    public GossipTopologySource(TopologySource seeds, ClusterNode self, PeerLinks links, PeerServer server,
                                long intervalMillis) {
        this.seeds = seeds;
        this.links = links;
        this.server = server;
        this.intervalMillis = intervalMillis;
        GossipEntry selfEntry = new GossipEntry(self.id(), System.currentTimeMillis(), 0, MemberState.NORMAL,
                self.dc(), self.rack(), self.peerAddress(), self.tokens());
        this.gossiper = new Gossiper(selfEntry, (nodeId, mine) -> links.gossip(nodeId, encode(mine,
                ByteBufAllocator.DEFAULT), GossipCodec::decode), m -> thread.execute(this::publishIfChanged),
                new Random());
    }

    private static ByteBuf encode(List<GossipEntry> entries, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        GossipCodec.encode(entries, out);
        return out;
    }

    @Override
    public CompletableFuture<Void> start(Consumer<Topology> publish) {
        this.publish = publish;
        if (server != null) {
            server.gossip((request, alloc) -> encode(gossiper.receive(GossipCodec.decode(request)), alloc));
        }
        CompletableFuture<Void> first = seeds.start(seedTopology -> gossiper.learn(hearsay(seedTopology)))
                .thenRunAsync(this::publishIfChanged, thread);
        thread.scheduleWithFixedDelay(this::round, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return first;
    }

    private void round() {
        try {
            gossiper.round();
        } catch (RuntimeException e) {
            log.warn("gossip round failed: {}", e.toString());
        }
    }

    /** The seeds a snapshot names, as entries any entry of their own replaces. */
    static List<GossipEntry> hearsay(Topology seedTopology) {
        return seedTopology.nodes().stream().filter(n -> !n.local())
                .map(n -> new GossipEntry(n.id(), 0, 0, MemberState.NORMAL, n.dc(), n.rack(), n.peerAddress(),
                        n.tokens()))
                .toList();
    }

    /** On the gossip thread: publishes the ring when it is not the one published last. */
    private void publishIfChanged() {
        Membership now = gossiper.membership();
        if (published != null && now.sameRing(published)) {
            return;
        }
        version++;
        Topology next = now.toTopology(version);
        // Before the swap: a read routed on the new snapshot already skips members that refuse reads.
        links.refuseReads(now.entries().values().stream()
                .filter(e -> !e.nodeId().equals(now.self().nodeId()) && !e.state().servesReads())
                .map(GossipEntry::nodeId).collect(Collectors.toSet()));
        log.info("gossip: {} members in the ring, topology v{}", next.nodes().size(), version);
        publish.accept(next);
        published = now;
    }

    /** The local node's serving state changed (admin {@code /state}): gossip spreads it. Any thread. */
    public void servingState(MemberState state) {
        gossiper.setState(state);
    }

    /**
     * Decommission: the node leaves the ring everywhere. Its entry becomes {@link MemberState#LEFT} and is
     * told to every member in the next rounds; they drop it from their topologies (and keep the tombstone,
     * so older gossip cannot bring it back). Any thread.
     */
    public void leave() {
        log.info("decommissioned: leaving the ring");
        gossiper.setState(MemberState.LEFT);
    }

    /** The gossiped membership, for the admin API and tests. */
    public Membership membership() {
        return gossiper.membership();
    }

    @Override
    public void serving(InetSocketAddress client, InetSocketAddress admin) {
        seeds.serving(client, admin);
    }

    @Override
    public String describe() {
        return "gossip every " + intervalMillis + " ms, seeds from " + seeds.describe();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        if (server != null) {
            server.gossip(null);
        }
        seeds.close();
    }
}
