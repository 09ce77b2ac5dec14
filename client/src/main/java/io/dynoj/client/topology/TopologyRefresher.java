package io.dynoj.client.topology;

import io.dynoj.core.state.ServingState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;

/**
 * Keeps the client's {@link ClusterView} current: asks the {@link TopologySupplier} every interval, resolves
 * each node's addresses ({@link HostSupplier}), reads their states ({@link NodeStates}, when enabled), and
 * swaps the snapshot when anything that routing sees has changed; listeners (the pools) hear of each swap on
 * the refresh thread, after it. A failed refresh keeps the last snapshot: routing never stops for want of a
 * seed. Nodes the supplier marks as not serving get no address ({@link Host#unreachable}). Thread-safe:
 * {@link #current()} from any thread; refreshes run on one daemon thread.
 */
public final class TopologyRefresher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopologyRefresher.class);

    private final TopologySupplier supplier;
    private final HostSupplier hostSupplier;
    private final NodeStates states;
    private final String localDc;
    private final String localRack;
    private final AtomicReference<ClusterView> current = new AtomicReference<>();
    private final List<Consumer<ClusterView>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynoj-client-topology");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    /**
     * @param states node states reader, or {@code null} not to read states
     */
    public TopologyRefresher(TopologySupplier supplier, HostSupplier hostSupplier, NodeStates states,
                             String localDc, String localRack) {
        this.supplier = Objects.requireNonNull(supplier);
        this.hostSupplier = Objects.requireNonNull(hostSupplier);
        this.states = states;
        this.localDc = localDc;
        this.localRack = Objects.requireNonNull(localRack, "localRack");
    }

    /**
     * The first snapshot, on the caller's thread.
     *
     * @throws IOException when no source describes the cluster
     * @throws IllegalArgumentException when the local datacenter or rack is not in it
     */
    public ClusterView loadFirst() throws IOException {
        ClusterView view = load();
        current.set(view);
        return view;
    }

    /** Refreshes every {@code interval} from now on. */
    public void start(Duration interval) {
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Called after every swap, on the refresh thread, with the new snapshot. */
    public void onChange(Consumer<ClusterView> listener) {
        listeners.add(listener);
    }

    /** The snapshot to route on now. */
    public ClusterView current() {
        return current.get();
    }

    /** One refresh now, on the caller's thread; answers whether the snapshot changed. */
    public boolean refresh() throws IOException {
        ClusterView next = load();
        ClusterView previous = current.get();
        if (next.sameAs(previous)) {
            return false;
        }
        current.set(next);
        log.info("Dynoj topology changed: {}", next);
        listeners.forEach(l -> l.accept(next));
        return true;
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (failing) {
                failing = false;
                log.info("Dynoj topology refreshed again");
            }
        } catch (IOException | RuntimeException e) {
            // One line per outage, not one per interval: the last snapshot keeps serving meanwhile.
            if (!failing) {
                failing = true;
                log.warn("Dynoj topology refresh failed, routing on the last one: {}", e.getMessage());
            } else {
                log.debug("Dynoj topology refresh failed again", e);
            }
        }
    }

    private ClusterView load() throws IOException {
        DescribedCluster described = supplier.describe();
        Map<DescribedCluster.Server, HostSupplier.NodeAddresses> addresses = new HashMap<>();
        List<HostAndPort> admins = new ArrayList<>();
        for (DescribedCluster.Server s : described.servers()) {
            if (!s.serving()) {
                continue; // no address to ask anyone about
            }
            HostSupplier.NodeAddresses a = hostSupplier.addresses(s, described);
            addresses.put(s, a);
            if (a.admin() != null) {
                admins.add(a.admin());
            }
        }
        Map<HostAndPort, ServingState> known = states == null ? Map.of() : states.read(admins);
        return ClusterView.of(described, localDc, localRack, s -> {
            if (!s.serving()) {
                return Host.unreachable(s.dc(), s.rack(), new HostAndPort(s.host(), s.peerPort()));
            }
            HostSupplier.NodeAddresses a = addresses.get(s);
            ServingState state = a.admin() == null ? null : known.get(a.admin());
            return new Host(s.dc(), s.rack(), a.client(), a.admin(), state == null ? ServingState.NORMAL : state);
        });
    }

    /** Stops refreshing and closes the supplier. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        supplier.close();
    }
}
