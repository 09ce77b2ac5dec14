package io.dynoj.core.topology;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's current {@link Topology}, swapped whole. Requests read it once each ({@link #get()}, a
 * volatile read); a source {@link #publish publishes} the next one. Versions only grow: a snapshot whose
 * version is not above the current one is ignored and counted ({@code topology.stale}). Listeners are
 * told around each swap ({@link TopologyListener}); swaps never overlap.
 */
public final class TopologyHolder implements Supplier<Topology> {

    private static final Logger log = LoggerFactory.getLogger(TopologyHolder.class);

    private final List<TopologyListener> listeners = new CopyOnWriteArrayList<>();
    private final Counter stale;
    private final Counter swaps;
    private volatile Topology current;
    private volatile Instant changedAt = Instant.now();
    private volatile String source = "config";

    /** Holds {@code initial} (the node alone, version 0) until a source publishes. */
    public TopologyHolder(Topology initial, MetricRegistry metrics) {
        this.current = initial;
        this.stale = metrics.counter("topology.stale");
        this.swaps = metrics.counter("topology.swaps");
        metrics.gauge("topology.version", () -> () -> current.version());
    }

    @Override
    public Topology get() {
        return current;
    }

    public void addListener(TopologyListener listener) {
        listeners.add(listener);
    }

    /** Names where snapshots come from ({@link TopologySource#describe()}), for the admin API. */
    public void source(String description) {
        this.source = description;
    }

    public String source() {
        return source;
    }

    /** When the current snapshot replaced the one before (or the node started). */
    public Instant changedAt() {
        return changedAt;
    }

    /** How many published snapshots were ignored for a version not above the current one. */
    public long staleIgnored() {
        return stale.getCount();
    }

    /** Swaps {@code next} in when its version is higher; answers whether it did. */
    public synchronized boolean publish(Topology next) {
        Topology previous = current;
        if (next.version() <= previous.version()) {
            stale.inc();
            log.debug("ignored topology v{}: v{} is current", next.version(), previous.version());
            return false;
        }
        for (TopologyListener l : listeners) {
            l.preparing(next);
        }
        current = next;
        changedAt = Instant.now();
        swaps.inc();
        log.info("topology v{} from {}: {}", next.version(), source, TopologyDiff.of(previous, next));
        for (TopologyListener l : listeners) {
            l.changed(previous, next);
        }
        return true;
    }
}
