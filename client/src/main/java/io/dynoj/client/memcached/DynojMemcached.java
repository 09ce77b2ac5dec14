package io.dynoj.client.memcached;

import io.dynoj.client.topology.AdminHttp;
import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Host;
import io.dynoj.client.topology.HostSupplier;
import io.dynoj.client.topology.SeedTopologySupplier;
import io.dynoj.client.topology.TopologyRefresher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.DefaultConnectionFactory;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import redis.clients.jedis.HostAndPort;

/**
 * spymemcached on a Dynoj cluster of memcached-protocol nodes, with the client's placement:
 * <pre>{@code
 * TopologyRefresher topology = DynojMemcached.topology(List.of("10.0.1.11:22222"), "rack1", Duration.ofSeconds(30));
 * MemcachedClient mc = new MemcachedClient(DynojMemcached.connectionFactory(topology::current,
 *         DynojNodeLocator.Target.LOCAL_OWNER), DynojMemcached.addresses(topology.current()));
 * }</pre>
 * spymemcached connects to the nodes it is given once: nodes added later are placed (their keys go to a node
 * that forwards) but not connected until the application makes a new client.
 */
public final class DynojMemcached {

    private DynojMemcached() {
    }

    /**
     * The cluster, from the seeds' {@code /cluster_describe}, refreshed every {@code refresh}; close it
     * with the memcached client.
     *
     * @throws UncheckedIOException when no seed answers
     * @throws IllegalArgumentException when the local rack is not in the cluster
     */
    public static TopologyRefresher topology(List<String> seeds, String localRack, Duration refresh) {
        return topology(seeds, localRack, refresh, Duration.ofSeconds(2));
    }

    /** As {@link #topology(List, String, Duration)}, an admin port having {@code adminTimeout} to answer. */
    public static TopologyRefresher topology(List<String> seeds, String localRack, Duration refresh, Duration adminTimeout) {
        AdminHttp http = new AdminHttp(adminTimeout);
        TopologyRefresher refresher = new TopologyRefresher(
                new SeedTopologySupplier(seeds.stream().map(HostAndPort::from).toList(), http),
                HostSupplier.convention(), null, null, localRack);
        try {
            refresher.loadFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot learn the Dynoj cluster: " + e.getMessage(), e);
        }
        refresher.start(refresh);
        return refresher;
    }

    /** Every node's client address, the local rack's first (nodes without one are left out). */
    public static List<InetSocketAddress> addresses(ClusterView view) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Host h : view.hosts()) {
            if (h.reachable()) {
                out.add(new InetSocketAddress(h.client().getHost(), h.client().getPort()));
            }
        }
        return out;
    }

    /** spymemcached's default connection factory with the {@link DynojNodeLocator}. */
    public static ConnectionFactory connectionFactory(Supplier<ClusterView> views, DynojNodeLocator.Target target) {
        return new DefaultConnectionFactory() {
            @Override
            public NodeLocator createLocator(List<MemcachedNode> nodes) {
                return new DynojNodeLocator(nodes, views, target);
            }
        };
    }
}
