package io.dynoj.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source that polls a seed service for Dynomite's seed list,
 * {@code host:port:rack:dc:tokens|host:port:rack:dc:tokens|...} (Florida's HTTP body, a DNS TXT record),
 * and publishes a new snapshot whenever the list changes. The list may hold the node itself (its id, or
 * the same dc, rack and tokens): it is the local node, never a peer. When the service cannot be reached or answers
 * something unreadable, the node keeps the last snapshot; that is logged once per outage.
 */
final class SeedListSource implements TopologySource {

    private static final Logger log = LoggerFactory.getLogger(SeedListSource.class);

    /** Fetches the current seed list; called on the poller thread only. */
    @FunctionalInterface
    interface SeedFetcher {
        String fetch() throws Exception;
    }

    private final TopologySourceContext context;
    private final SeedFetcher fetcher;
    private final String description;
    private final long intervalMillis;
    private final ScheduledExecutorService poller;
    private final CompletableFuture<Void> first = new CompletableFuture<>();
    private Consumer<Topology> publish;
    private String lastList;
    private long version;
    private int failures;

    SeedListSource(TopologySourceContext context, SeedFetcher fetcher, String description, long intervalMillis) {
        this.context = context;
        this.fetcher = fetcher;
        this.description = description;
        this.intervalMillis = intervalMillis;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynoj-seeds");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Void> start(Consumer<Topology> publish) {
        this.publish = publish;
        poller.scheduleWithFixedDelay(this::poll, 0, intervalMillis, TimeUnit.MILLISECONDS);
        return first;
    }

    private void poll() {
        String list;
        Topology next;
        try {
            list = fetcher.fetch().trim();
            if (list.equals(lastList)) {
                recovered();
                return;
            }
            next = topology(list, version + 1);
        } catch (Exception e) {
            if (failures++ == 0) {
                log.warn("{}: no seed list ({}); keeping the current topology, retrying every {} ms",
                        description, e.getMessage(), intervalMillis);
            }
            return;
        }
        recovered();
        lastList = list;
        version = next.version();
        publish.accept(next);
        first.complete(null);
    }

    private void recovered() {
        if (failures > 0) {
            log.info("{}: seed list read again after {} failed attempts", description, failures);
            failures = 0;
        }
    }

    /** The seed list as a snapshot: the local node plus every seed that is not it. */
    Topology topology(String list, long nextVersion) {
        ClusterNode self = context.self();
        List<ClusterNode> nodes = new ArrayList<>();
        nodes.add(self);
        for (String seed : list.split("\\|")) {
            if (seed.isBlank()) {
                continue;
            }
            ClusterNode node = StaticTopology.parseSeed(seed);
            boolean isSelf = node.id().equals(self.id()) || node.dc().equals(self.dc())
                    && node.rack().equals(self.rack()) && node.tokens().equals(self.tokens());
            if (!isSelf) {
                nodes.add(node);
            }
        }
        return new Topology(nextVersion, nodes);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
