package io.dynoj.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the {@code /info} {@code topology_version} of some nodes every 100 ms on its own thread, for the
 * whole of a test, and keeps every version each one reported (consecutive repeats folded), so that a test
 * can check a version never went back. A poll that fails (a busy node, a timeout) is skipped: the watch
 * observes, it does not judge availability. Start and close it from one thread.
 */
final class TopologyVersionWatch implements AutoCloseable {

    private final ZooKeeperNodes cluster;
    private final Map<ZooKeeperNodes.Node, List<Long>> seen = new LinkedHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topology-version-watch");
        t.setDaemon(true);
        return t;
    });

    TopologyVersionWatch(ZooKeeperNodes cluster, List<ZooKeeperNodes.Node> nodes) {
        this.cluster = cluster;
        nodes.forEach(n -> seen.put(n, new ArrayList<>()));
        poller.scheduleWithFixedDelay(this::poll, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        seen.forEach((node, versions) -> {
            long version;
            try {
                version = cluster.info(node).path("topology_version").asLong();
            } catch (RuntimeException busy) {
                return;
            }
            synchronized (versions) {
                if (versions.isEmpty() || versions.get(versions.size() - 1) != version) {
                    versions.add(version);
                }
            }
        });
    }

    /** The distinct versions each node reported so far, in the order seen. */
    Map<ZooKeeperNodes.Node, List<Long>> versions() {
        Map<ZooKeeperNodes.Node, List<Long>> copy = new LinkedHashMap<>();
        seen.forEach((node, versions) -> {
            synchronized (versions) {
                copy.put(node, List.copyOf(versions));
            }
        });
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        poller.shutdownNow();
        poller.awaitTermination(10, TimeUnit.SECONDS);
    }
}
